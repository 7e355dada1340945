package io.rafka.common;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to. Lives in main (not test) code so that every
 * module's tests and simulations can drive time the same way.
 *
 * <p>Thread-safe: both readings are atomics; wall and monotonic time advance together.
 */
public final class MockTime implements Time {

    private final AtomicLong wallMs;
    private final AtomicLong monotonicNs;

    public MockTime() {
        this(1_700_000_000_000L);
    }

    public MockTime(long startWallMs) {
        this.wallMs = new AtomicLong(startWallMs);
        this.monotonicNs = new AtomicLong(0);
    }

    @Override
    public long milliseconds() {
        return wallMs.get();
    }

    @Override
    public long nanoseconds() {
        return monotonicNs.get();
    }

    /** Advancing instead of blocking keeps tests that "sleep" instantaneous and deterministic. */
    @Override
    public void sleep(long durationMs) {
        advanceMs(durationMs);
    }

    public void advanceMs(long durationMs) {
        Checks.check(durationMs >= 0, "time cannot go backwards: advanceMs(%s)", durationMs);
        wallMs.addAndGet(durationMs);
        monotonicNs.addAndGet(durationMs * 1_000_000L);
    }
}
