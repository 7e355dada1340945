package io.rafka.common;

/** The real clock. Thread-safe and stateless. */
final class SystemTime implements Time {

    @Override
    public long milliseconds() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long durationMs) throws InterruptedException {
        Thread.sleep(durationMs);
    }
}
