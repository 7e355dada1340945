package io.rafka.log;

/**
 * What a read returned: whole batches in {@link #records()} (possibly empty), and the log's
 * bounds as seen by the read. Immutable.
 */
public record LogReadResult(FileSlice records, long logStartOffset, long logEndOffset) {}
