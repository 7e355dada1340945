package io.rafka.log;

/** Answer of a timestamp lookup: the found batch's max timestamp and the offset to start from. Immutable. */
public record TimestampAndOffset(long timestampMs, long offset) {}
