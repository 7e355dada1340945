package io.rafka.cli.perf;

import io.rafka.common.Checks;

/**
 * Paces a sender to at most {@code recordsPerSecond} on average since the start, the way
 * {@code kafka-producer-perf-test --throughput} does: after each send, wait until the elapsed
 * time covers the records sent so far.
 *
 * <p>Thread-safety: immutable; the caller owns the clock.
 */
final class ThroughputThrottle {
    private final double recordsPerSecond;

    /** @param recordsPerSecond a limit, or a value <= 0 for none */
    ThroughputThrottle(double recordsPerSecond) {
        this.recordsPerSecond = recordsPerSecond;
    }

    /** How long to wait before the next send, given {@code sent} records in {@code elapsedNs}. */
    long waitMs(long sent, long elapsedNs) {
        Checks.check(sent >= 0 && elapsedNs >= 0, "sent %s elapsed %s ns", sent, elapsedNs);
        if (recordsPerSecond <= 0) {
            return 0;
        }
        double dueNs = sent / recordsPerSecond * 1e9;
        return dueNs <= elapsedNs ? 0 : (long) Math.ceil((dueNs - elapsedNs) / 1e6);
    }
}
