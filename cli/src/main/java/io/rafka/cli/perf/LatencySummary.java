package io.rafka.cli.perf;

import io.rafka.common.Checks;
import java.util.Arrays;

/**
 * Exact latency statistics of a run, from every recorded latency (no bucketing, no sampling).
 * Percentiles use the nearest-rank definition: the p-th percentile of n sorted values is the value
 * at rank ceil(p/100 * n), so it is always a latency that was actually observed.
 *
 * <p>Thread-safety: immutable.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, double averageMs, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** Summarizes {@code latenciesMicros[0..count)}; sorts that range in place. */
    public static LatencySummary of(long[] latenciesMicros, int count) {
        Checks.check(0 <= count && count <= latenciesMicros.length, "count %s outside 0..%s", count, latenciesMicros.length);
        if (count == 0) {
            return EMPTY;
        }
        Arrays.sort(latenciesMicros, 0, count);
        long sumMicros = 0;
        for (int i = 0; i < count; i++) {
            sumMicros += latenciesMicros[i];
        }
        return new LatencySummary(count, sumMicros / 1000.0 / count,
                nearestRank(latenciesMicros, count, 50.0) / 1000.0,
                nearestRank(latenciesMicros, count, 99.0) / 1000.0,
                nearestRank(latenciesMicros, count, 99.9) / 1000.0,
                latenciesMicros[count - 1] / 1000.0);
    }

    /** The nearest-rank percentile of {@code sorted[0..count)}, count > 0, 0 < percentile <= 100. */
    static long nearestRank(long[] sorted, int count, double percentile) {
        Checks.check(count > 0 && percentile > 0 && percentile <= 100, "percentile %s of %s values", percentile, count);
        // The rank is computed in exact decimal terms: 99.9/100*1000 must be 999, not 999.0000000000001 -> 1000.
        java.math.BigDecimal exactRank = java.math.BigDecimal.valueOf(percentile)
                .multiply(java.math.BigDecimal.valueOf(count))
                .divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.CEILING);
        int rank = Math.max(1, exactRank.intValueExact());
        return sorted[rank - 1];
    }
}
