package io.rafka.log.storage;

/** An offset index entry: the batch with base offset {@code offset} starts at byte {@code position}. Immutable. */
public record OffsetPosition(long offset, int position) {}
