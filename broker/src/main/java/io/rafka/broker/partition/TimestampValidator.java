package io.rafka.broker.partition;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Kafka's CreateTime bounds: a batch whose timestamps lie more than
 * {@code message.timestamp.before.max.ms} in the past or {@code message.timestamp.after.max.ms} in the
 * future is refused with INVALID_TIMESTAMP. With LogAppendTime the broker stamps its own time and
 * nothing is checked.
 *
 * <p>NB: batch granularity. The first record's timestamp ({@code baseTimestamp}) and the batch's
 * {@code maxTimestamp} are checked; Kafka decompresses and checks every record. A producer stamps
 * records in send order, so the first and the largest bound the batch in practice, and the hot path
 * never decompresses.
 *
 * <p>Reads only the v2 header fields it needs and never trusts a length it has not bounds-checked:
 * structural errors are the log engine's to report (CORRUPT_MESSAGE), so a malformed buffer yields
 * "no timestamp error" here. Stateless, thread-safe.
 */
final class TimestampValidator {

    static final long NO_TIMESTAMP = -1L;
    private static final int LENGTH_OFFSET = 8;
    private static final int LOG_OVERHEAD_BYTES = 12;
    private static final int BASE_TIMESTAMP_OFFSET = 27;
    private static final int MAX_TIMESTAMP_OFFSET = 35;
    private static final int HEADER_BYTES = 61;

    private TimestampValidator() {}

    /** The reason the append must be refused, or empty. Does not move the buffer's position. */
    static Optional<String> check(ByteBuffer batches, long nowMs, long beforeMaxMs, long afterMaxMs) {
        int position = batches.position();
        int end = batches.limit();
        while (end - position >= HEADER_BYTES) {
            int batchBytes = LOG_OVERHEAD_BYTES + batches.getInt(position + LENGTH_OFFSET);
            if (batchBytes < HEADER_BYTES || batchBytes > end - position) {
                return Optional.empty();
            }
            Optional<String> error = checkOne(batches.getLong(position + BASE_TIMESTAMP_OFFSET), nowMs, beforeMaxMs,
                afterMaxMs);
            if (error.isEmpty()) {
                error = checkOne(batches.getLong(position + MAX_TIMESTAMP_OFFSET), nowMs, beforeMaxMs, afterMaxMs);
            }
            if (error.isPresent()) {
                return error;
            }
            position += batchBytes;
        }
        return Optional.empty();
    }

    private static Optional<String> checkOne(long timestampMs, long nowMs, long beforeMaxMs, long afterMaxMs) {
        if (timestampMs == NO_TIMESTAMP) {
            return Optional.empty();
        }
        // Subtractions, not additions: the defaults are Long.MAX_VALUE and must not overflow.
        if (nowMs - timestampMs > beforeMaxMs) {
            return Optional.of("timestamp " + timestampMs + " is more than message.timestamp.before.max.ms="
                + beforeMaxMs + " before the broker's time " + nowMs);
        }
        if (timestampMs - nowMs > afterMaxMs) {
            return Optional.of("timestamp " + timestampMs + " is more than message.timestamp.after.max.ms="
                + afterMaxMs + " after the broker's time " + nowMs);
        }
        return Optional.empty();
    }
}
