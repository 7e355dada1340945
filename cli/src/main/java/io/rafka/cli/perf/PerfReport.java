package io.rafka.cli.perf;

import java.util.Locale;

/**
 * The lines {@code rafka perf} prints, in the shape of Kafka's perf-test tools so numbers compare
 * side by side.
 *
 * <p>Thread-safety: stateless.
 */
final class PerfReport {
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private PerfReport() {}

    static String progress(String verb, LatencyRecorder.Window window, long windowMs) {
        double seconds = Math.max(1, windowMs) / 1000.0;
        return String.format(Locale.ROOT, "%d records %s, %.1f records/sec (%.2f MB/sec), %.1f ms avg latency, %.1f ms max latency.",
                window.records(), verb, window.records() / seconds, window.bytes() / BYTES_PER_MB / seconds,
                window.averageLatencyMs(), window.maxLatencyMs());
    }

    static String summary(String verb, PerfResult result) {
        LatencySummary latency = result.latency();
        return String.format(Locale.ROOT,
                "%d records %s, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, %.2f ms max latency, "
                        + "%.2f ms 50th, %.2f ms 99th, %.2f ms 99.9th.",
                result.records(), verb, result.recordsPerSecond(), result.megabytesPerSecond(),
                latency.averageMs(), latency.maxMs(), latency.p50Ms(), latency.p99Ms(), latency.p999Ms());
    }

    /** The final figures; also the JSON form of {@code --output json}. */
    record PerfResult(long records, long bytes, long elapsedMs, double recordsPerSecond, double megabytesPerSecond,
            LatencySummary latency) {
        static PerfResult of(long records, long bytes, long elapsedMs, LatencySummary latency) {
            double seconds = Math.max(1, elapsedMs) / 1000.0;
            return new PerfResult(records, bytes, elapsedMs, records / seconds, bytes / BYTES_PER_MB / seconds, latency);
        }
    }
}
