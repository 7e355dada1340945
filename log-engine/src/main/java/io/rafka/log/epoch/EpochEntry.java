package io.rafka.log.epoch;

/** Leader epoch {@code epoch} started writing at offset {@code startOffset}. Immutable. */
public record EpochEntry(int epoch, long startOffset) {}
