package io.rafka.log;

import io.rafka.common.Checks;

/**
 * Per-log settings, named after their Kafka topic configs. Immutable and thread-safe; build with
 * {@link #builder()}; a log's config can be swapped with {@link PartitionLog#updateConfig}.
 *
 * @param segmentBytes {@code segment.bytes}: roll the active segment before it would pass this size
 * @param segmentMs {@code segment.ms}: roll a non-empty active segment this old
 * @param segmentIndexBytes {@code segment.index.bytes}: preallocated size of each index file
 * @param indexIntervalBytes {@code index.interval.bytes}: log bytes between two index entries
 * @param retentionMs {@code retention.ms}: delete segments whose newest timestamp is older; -1 keeps forever
 * @param retentionBytes {@code retention.bytes}: delete oldest segments while the log is larger; -1 means no limit
 * @param maxMessageBytes {@code max.message.bytes}: largest accepted batch
 * @param flushMessages {@code flush.messages}: fsync after this many unflushed records
 * @param flushMs {@code flush.ms}: fsync a log whose oldest unflushed append is this old (background check)
 * @param fileDeleteDelayMs {@code file.delete.delay.ms}: how long a deleted segment stays readable for in-flight reads
 * @param timestampType {@code message.timestamp.type}
 */
public record LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, int indexIntervalBytes,
                        long retentionMs, long retentionBytes, int maxMessageBytes, long flushMessages, long flushMs,
                        long fileDeleteDelayMs, TimestampType timestampType) {

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_SEGMENT_INDEX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1048588;
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;

    public LogConfig {
        Checks.check(segmentBytes >= 128, "segment.bytes must be at least 128, got %s", segmentBytes);
        Checks.check(segmentMs > 0, "segment.ms must be positive, got %s", segmentMs);
        Checks.check(segmentIndexBytes >= 64, "segment.index.bytes must be at least 64, got %s", segmentIndexBytes);
        Checks.check(indexIntervalBytes >= 0, "index.interval.bytes must not be negative, got %s", indexIntervalBytes);
        Checks.check(retentionMs >= -1, "retention.ms must be -1 or more, got %s", retentionMs);
        Checks.check(retentionBytes >= -1, "retention.bytes must be -1 or more, got %s", retentionBytes);
        Checks.check(maxMessageBytes >= 61, "max.message.bytes must hold a batch header (61), got %s", maxMessageBytes);
        Checks.check(flushMessages >= 1, "flush.messages must be positive, got %s", flushMessages);
        Checks.check(flushMs >= 0, "flush.ms must not be negative, got %s", flushMs);
        Checks.check(fileDeleteDelayMs >= 0, "file.delete.delay.ms must not be negative, got %s", fileDeleteDelayMs);
        Checks.check(timestampType != null, "message.timestamp.type must be set");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LogConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().segmentBytes(segmentBytes).segmentMs(segmentMs).segmentIndexBytes(segmentIndexBytes)
                .indexIntervalBytes(indexIntervalBytes).retentionMs(retentionMs).retentionBytes(retentionBytes)
                .maxMessageBytes(maxMessageBytes).flushMessages(flushMessages).flushMs(flushMs)
                .fileDeleteDelayMs(fileDeleteDelayMs).timestampType(timestampType);
    }

    /** Kafka's defaults; flushing is left to the OS (and replication) unless configured. Not thread-safe. */
    public static final class Builder {
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private long segmentMs = DEFAULT_SEGMENT_MS;
        private int segmentIndexBytes = DEFAULT_SEGMENT_INDEX_BYTES;
        private int indexIntervalBytes = DEFAULT_INDEX_INTERVAL_BYTES;
        private long retentionMs = DEFAULT_RETENTION_MS;
        private long retentionBytes = -1;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private long flushMessages = Long.MAX_VALUE;
        private long flushMs = Long.MAX_VALUE;
        private long fileDeleteDelayMs = DEFAULT_FILE_DELETE_DELAY_MS;
        private TimestampType timestampType = TimestampType.CREATE_TIME;

        public Builder segmentBytes(int v) { segmentBytes = v; return this; }
        public Builder segmentMs(long v) { segmentMs = v; return this; }
        public Builder segmentIndexBytes(int v) { segmentIndexBytes = v; return this; }
        public Builder indexIntervalBytes(int v) { indexIntervalBytes = v; return this; }
        public Builder retentionMs(long v) { retentionMs = v; return this; }
        public Builder retentionBytes(long v) { retentionBytes = v; return this; }
        public Builder maxMessageBytes(int v) { maxMessageBytes = v; return this; }
        public Builder flushMessages(long v) { flushMessages = v; return this; }
        public Builder flushMs(long v) { flushMs = v; return this; }
        public Builder fileDeleteDelayMs(long v) { fileDeleteDelayMs = v; return this; }
        public Builder timestampType(TimestampType v) { timestampType = v; return this; }

        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
                    retentionBytes, maxMessageBytes, flushMessages, flushMs, fileDeleteDelayMs, timestampType);
        }
    }
}
