package io.rafka.cli.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static long[] oneTo(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = (n - i) * 1000L; // descending, in microseconds: 1..n ms
        }
        return values;
    }

    @Test
    void percentilesOfOneToAThousandMillisecondsAreExact() {
        LatencySummary summary = LatencySummary.of(oneTo(1000), 1000);

        assertThat(summary).isEqualTo(new LatencySummary(1000, 500.5, 500, 990, 999, 1000));
    }

    @Test
    void ninetyNinePointNineOfAHundredIsTheMaximum() {
        LatencySummary summary = LatencySummary.of(oneTo(100), 100);

        assertThat(summary.p50Ms()).isEqualTo(50);
        assertThat(summary.p99Ms()).isEqualTo(99);
        assertThat(summary.p999Ms()).isEqualTo(100);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(LatencySummary.of(new long[] {2_500}, 1)).isEqualTo(new LatencySummary(1, 2.5, 2.5, 2.5, 2.5, 2.5));
    }

    @Test
    void nothingRecordedIsAllZero() {
        assertThat(LatencySummary.of(new long[4], 0)).isEqualTo(LatencySummary.EMPTY);
    }

    /** The definition: the smallest recorded value with at least p% of the values at or below it. */
    @Property(tries = 300)
    void nearestRankIsTheSmallestValueCoveringThePercentile(
            @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 10_000) Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        for (double percentile : new double[] {50, 99, 99.9, 100}) {
            long expected = Arrays.stream(sorted)
                    .filter(v -> Arrays.stream(sorted).filter(w -> w <= v).count() * 100.0 >= percentile * sorted.length - 1e-9)
                    .min().orElseThrow();
            assertThat(LatencySummary.nearestRank(sorted, sorted.length, percentile)).as("p%s", percentile).isEqualTo(expected);
        }
    }

    @Test
    void recorderWindowsResetButTheSummaryKeepsEverything() {
        LatencyRecorder recorder = new LatencyRecorder(1);
        recorder.record(1_000, 100);
        recorder.record(3_000, 100);

        assertThat(recorder.takeWindow()).isEqualTo(new LatencyRecorder.Window(2, 200, 2.0, 3.0));
        recorder.record(5_000, 100);
        assertThat(recorder.takeWindow()).isEqualTo(new LatencyRecorder.Window(1, 100, 5.0, 5.0));
        assertThat(recorder.summarize().count()).isEqualTo(3);
        assertThat(recorder.summarize().maxMs()).isEqualTo(5.0);
    }

    @Test
    void throttleWaitsUntilElapsedTimeCoversTheRecordsSent() {
        ThroughputThrottle throttle = new ThroughputThrottle(1_000);

        assertThat(throttle.waitMs(500, 250_000_000L)).isEqualTo(250);
        assertThat(throttle.waitMs(500, 600_000_000L)).isZero();
        assertThat(new ThroughputThrottle(-1).waitMs(1_000_000, 0)).isZero();
    }

    @Test
    void summaryLineHasTheFiguresKafkaUsersCompare() {
        PerfReport.PerfResult result = PerfReport.PerfResult.of(1000, 1024 * 1024, 2_000, LatencySummary.of(oneTo(1000), 1000));

        assertThat(PerfReport.summary("sent", result)).isEqualTo("1000 records sent, 500.0 records/sec (0.50 MB/sec), "
                + "500.50 ms avg latency, 1000.00 ms max latency, 500.00 ms 50th, 990.00 ms 99th, 999.00 ms 99.9th.");
    }
}
