package io.rafka.log;

import java.util.List;

/**
 * Which old segments may go: a pure decision over segment facts, no files and no clock reads.
 * Walks the non-active segments oldest first and deletes while a segment lies entirely below the
 * log start, is older than {@code retention.ms}, or keeps the log above {@code retention.bytes};
 * stops at the first segment that must stay, so retention only ever removes a prefix. The active
 * (last) segment is never deleted.
 *
 * <p>Stateless and thread-safe.
 */
final class RetentionPolicy {

    private RetentionPolicy() {}

    /** What retention needs to know of one segment. */
    record SegmentFacts(long baseOffset, long sizeBytes, long largestTimestampMs) {}

    /** How many of the oldest segments to delete for retention (any of the three reasons). */
    static int deletableCount(List<SegmentFacts> segments, long logStartOffset, LogConfig config, long nowMs) {
        long totalBytes = segments.stream().mapToLong(SegmentFacts::sizeBytes).sum();
        long excessBytes = config.retentionBytes() < 0 ? 0 : totalBytes - config.retentionBytes();
        int count = 0;
        for (int i = 0; i < segments.size() - 1; i++) {
            SegmentFacts segment = segments.get(i);
            boolean belowStart = segments.get(i + 1).baseOffset() <= logStartOffset;
            boolean expired = config.retentionMs() >= 0 && nowMs - segment.largestTimestampMs() > config.retentionMs();
            boolean excess = excessBytes - segment.sizeBytes() >= 0;
            if (!(belowStart || expired || excess)) {
                break;
            }
            excessBytes -= segment.sizeBytes();
            count++;
        }
        return count;
    }

    /** How many of the oldest segments lie entirely below the log start (DeleteRecords). */
    static int belowLogStartCount(List<SegmentFacts> segments, long logStartOffset) {
        int count = 0;
        while (count < segments.size() - 1 && segments.get(count + 1).baseOffset() <= logStartOffset) {
            count++;
        }
        return count;
    }
}
