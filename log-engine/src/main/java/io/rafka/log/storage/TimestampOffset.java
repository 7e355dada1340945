package io.rafka.log.storage;

/** A time index entry: {@code timestampMs} is reached first by the batch with base offset {@code offset}. Immutable. */
public record TimestampOffset(long timestampMs, long offset) {}
