package io.rafka.chaos.report;

import io.rafka.chaos.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-second throughput and latency of acknowledged sends, and the windows with no acknowledgement, derived
 * from a history. Pure.
 *
 * @param bucketMs      width of one bucket
 * @param acksPerBucket acknowledged sends completed in each bucket
 * @param latencyP50Ms  median invoke-to-ack latency of the sends acknowledged in each bucket (0 if none)
 * @param latencyMaxMs  largest such latency (0 if none)
 * @param durationMs    the history's last time
 */
public record Timeline(long bucketMs, long[] acksPerBucket, long[] latencyP50Ms, long[] latencyMaxMs,
                       long durationMs) {

    /** A stretch of at least the threshold with no acknowledged send, in ms since the run started. */
    public record Gap(long fromMs, long toMs) {
        public long lengthMs() {
            return toMs - fromMs;
        }
    }

    public static Timeline of(List<Op> history, long bucketMs) {
        long durationMs = history.isEmpty() ? 0 : history.get(history.size() - 1).timeMs();
        int buckets = (int) (durationMs / bucketMs) + 1;
        Map<String, Long> invokedAt = new HashMap<>();
        List<List<Long>> latencies = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            latencies.add(new ArrayList<>());
        }
        for (Op op : history) {
            if (!op.isSend()) {
                continue;
            }
            if (op.type() == Op.Type.invoke) {
                invokedAt.put(op.value(), op.timeMs());
            } else if (op.type() == Op.Type.ok) {
                long latencyMs = op.timeMs() - invokedAt.getOrDefault(op.value(), op.timeMs());
                latencies.get((int) (op.timeMs() / bucketMs)).add(latencyMs);
            }
        }
        long[] acks = new long[buckets];
        long[] p50 = new long[buckets];
        long[] max = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            long[] sorted = latencies.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            acks[i] = sorted.length;
            p50[i] = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
            max[i] = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }
        return new Timeline(bucketMs, acks, p50, max, durationMs);
    }

    /**
     * Stretches of at least {@code thresholdMs} between {@code fromMs} and {@code toMs} in which no send was
     * acknowledged: the client-visible unavailability windows.
     */
    public static List<Gap> unavailability(List<Op> history, long fromMs, long toMs, long thresholdMs) {
        List<Gap> gaps = new ArrayList<>();
        long last = fromMs;
        for (Op op : history) {
            if (op.isSend() && op.type() == Op.Type.ok && op.timeMs() >= fromMs && op.timeMs() <= toMs) {
                if (op.timeMs() - last >= thresholdMs) {
                    gaps.add(new Gap(last, op.timeMs()));
                }
                last = op.timeMs();
            }
        }
        if (toMs - last >= thresholdMs) {
            gaps.add(new Gap(last, toMs));
        }
        return gaps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t && bucketMs == t.bucketMs && durationMs == t.durationMs
            && Arrays.equals(acksPerBucket, t.acksPerBucket) && Arrays.equals(latencyP50Ms, t.latencyP50Ms)
            && Arrays.equals(latencyMaxMs, t.latencyMaxMs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(acksPerBucket);
    }

    @Override
    public String toString() {
        return "Timeline[" + acksPerBucket.length + " buckets of " + bucketMs + " ms]";
    }
}
