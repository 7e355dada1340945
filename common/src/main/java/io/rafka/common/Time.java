package io.rafka.common;

/**
 * The clock, passed in instead of read from {@link System} so that tests drive time.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Time {

    /** Wall-clock milliseconds since the epoch: for timestamps that leave the process. */
    long milliseconds();

    /** Monotonic nanoseconds: for measuring intervals and deadlines. */
    long nanoseconds();

    /** Monotonic milliseconds, derived from {@link #nanoseconds()}. */
    default long monotonicMs() {
        return nanoseconds() / 1_000_000L;
    }

    /** Blocks the calling thread; a {@link MockTime} advances itself instead. */
    void sleep(long durationMs) throws InterruptedException;

    /** The real clock. */
    Time SYSTEM = new SystemTime();
}
