package io.rafka.log;

/**
 * What an append did. Immutable.
 *
 * @param firstOffset offset of the first record appended (or, for a duplicate, originally appended)
 * @param lastOffset offset of the last record
 * @param logAppendTimeMs the stamped time with LOG_APPEND_TIME, -1 with CREATE_TIME (Kafka's NO_TIMESTAMP)
 * @param maxTimestampMs largest batch max timestamp of the append
 * @param logStartOffset the log start offset after the append
 * @param validBytes bytes written (0 for a duplicate)
 * @param duplicate true if the append was a producer retry: nothing was written and the offsets
 *     are those of the original batch
 */
public record LogAppendResult(long firstOffset, long lastOffset, long logAppendTimeMs, long maxTimestampMs,
                              long logStartOffset, int validBytes, boolean duplicate) {}
