package io.rafka.cli.groups;

import io.rafka.common.Checks;

/**
 * Where {@code reset-offsets} moves a partition, clamped into the log like Kafka's tool does: an
 * offset below the log start goes to the start, above the end goes to the end.
 *
 * <p>Thread-safety: stateless.
 */
final class OffsetTarget {

    private OffsetTarget() {}

    /**
     * @param requestedOffset the offset asked for; -1 means "no record at or after the timestamp",
     *     which resets to the log end
     */
    static long clamp(long requestedOffset, long logStartOffset, long logEndOffset) {
        Checks.check(0 <= logStartOffset && logStartOffset <= logEndOffset,
                "log start %s must be in 0..log end %s", logStartOffset, logEndOffset);
        if (requestedOffset < 0) {
            return logEndOffset;
        }
        return Math.max(logStartOffset, Math.min(requestedOffset, logEndOffset));
    }
}
