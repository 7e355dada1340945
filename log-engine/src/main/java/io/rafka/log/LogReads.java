package io.rafka.log;

import io.rafka.log.storage.LogSegment;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The lock-free read side of a {@link PartitionLog}: each call works on one snapshot of the
 * published end and never reads past it, so it never sees a half-written append.
 *
 * <p>Stateless and thread-safe; the segment map is a concurrent map.
 */
final class LogReads {

    private LogReads() {}

    /** Whole batches from the one holding {@code startOffset}, from the first segment that has any. */
    static FileSlice read(NavigableMap<Long, LogSegment> segments, LogEnd endSnapshot, long startOffset, int maxBytes,
                          long maxOffsetExclusive, boolean minOneBatch) throws IOException {
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        while (entry != null && startOffset < endSnapshot.offset() && entry.getKey() <= endSnapshot.offset()) {
            LogSegment segment = entry.getValue();
            Optional<FileSlice> slice = segment.read(startOffset, maxBytes, maxOffsetExclusive, minOneBatch,
                    maxPosition(segment, endSnapshot));
            if (slice.isPresent()) {
                return slice.get();
            }
            if (segment == endSnapshot.segment()) {
                break;
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return FileSlice.empty();
    }

    /** First batch at or after the log start whose max timestamp reaches {@code timestampMs}. */
    static Optional<TimestampAndOffset> offsetForTimestamp(NavigableMap<Long, LogSegment> segments, LogEnd endSnapshot,
                                                           long logStartOffset, long timestampMs) throws IOException {
        for (LogSegment segment : segments.values()) {
            if (segment.baseOffset() > endSnapshot.offset()) {
                break;
            }
            // Segments are searched only if they hold the log start or later and reach the timestamp.
            if (segment.nextOffset() <= logStartOffset || segment.maxTimestampMs() < timestampMs) {
                continue;
            }
            Optional<TimestampAndOffset> found = segment.findOffsetByTimestamp(timestampMs, logStartOffset,
                    maxPosition(segment, endSnapshot));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The largest batch max timestamp at or after the log start and the first batch that has it. */
    static Optional<TimestampAndOffset> offsetOfMaxTimestamp(NavigableMap<Long, LogSegment> segments, long logStartOffset) {
        TimestampAndOffset best = null;
        for (LogSegment segment : segments.values()) {
            if (segment.nextOffset() <= logStartOffset || segment.maxTimestampMs() < 0) {
                continue;
            }
            if (best == null || segment.maxTimestampMs() > best.timestampMs()) {
                best = new TimestampAndOffset(segment.maxTimestampMs(),
                        Math.max(segment.offsetOfMaxTimestamp(), logStartOffset));
            }
        }
        return Optional.ofNullable(best);
    }

    /** Readers of the segment that was active at the snapshot stop at the snapshot's position. */
    private static int maxPosition(LogSegment segment, LogEnd endSnapshot) {
        return segment == endSnapshot.segment() ? endSnapshot.position() : segment.sizeBytes();
    }
}
