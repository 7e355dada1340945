package io.rafka.cli.perf;

import io.rafka.common.Checks;
import java.util.Arrays;

/**
 * Keeps every latency of a run (8 bytes each) for exact percentiles, plus the running figures of
 * the current progress window.
 *
 * <p>Thread-safety: thread-safe (producer callbacks record on the I/O thread while the command's
 * thread reads); every method is synchronized, which costs little at perf-test rates.
 */
public final class LatencyRecorder {
    private long[] latenciesMicros;
    private int count;
    // The current progress window; reset by takeWindow().
    private long windowCount;
    private long windowBytes;
    private long windowLatencySumMicros;
    private long windowLatencyMaxMicros;

    public LatencyRecorder(int expectedCount) {
        Checks.check(expectedCount >= 0, "expected count %s", expectedCount);
        this.latenciesMicros = new long[Math.max(16, expectedCount)];
    }

    public synchronized void record(long latencyMicros, long sizeBytes) {
        Checks.check(latencyMicros >= 0, "negative latency %s us", latencyMicros);
        if (count == latenciesMicros.length) {
            latenciesMicros = Arrays.copyOf(latenciesMicros, Math.addExact(count, count / 2 + 1));
        }
        latenciesMicros[count++] = latencyMicros;
        windowCount++;
        windowBytes += sizeBytes;
        windowLatencySumMicros += latencyMicros;
        windowLatencyMaxMicros = Math.max(windowLatencyMaxMicros, latencyMicros);
    }

    public synchronized int count() {
        return count;
    }

    /** The figures since the previous call, and a new window started. */
    public synchronized Window takeWindow() {
        Window window = new Window(windowCount, windowBytes,
                windowCount == 0 ? 0 : windowLatencySumMicros / 1000.0 / windowCount, windowLatencyMaxMicros / 1000.0);
        windowCount = 0;
        windowBytes = 0;
        windowLatencySumMicros = 0;
        windowLatencyMaxMicros = 0;
        return window;
    }

    /** Exact statistics over everything recorded so far. */
    public synchronized LatencySummary summarize() {
        return LatencySummary.of(Arrays.copyOf(latenciesMicros, count), count);
    }

    /** One progress window's figures. */
    public record Window(long records, long bytes, double averageLatencyMs, double maxLatencyMs) {}
}
