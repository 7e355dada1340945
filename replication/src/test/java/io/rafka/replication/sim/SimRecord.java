package io.rafka.replication.sim;

/** One record of a simulated log: its offset, the leader epoch that wrote it, and a unique value. Immutable. */
record SimRecord(long offset, int epoch, long value) {}
