package io.rafka.log.producer;

/** What the log remembers of one idempotent batch: enough to recognise a retry and answer it. Immutable. */
public record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long maxTimestampMs) {}
