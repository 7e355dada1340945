package io.rafka.replication.sim;

/**
 * Knobs of one simulation run. Times are simulated milliseconds, scaled down from production
 * defaults so that ISR shrinks and request timeouts happen within a few thousand steps.
 *
 * @param crashModel which crash patterns the nemesis may produce; see {@link CrashModel}
 * @param divergenceByFetchOnly followers skip OffsetForLeaderEpoch and rely on the diverging epoch
 *     in Fetch responses (KIP-320), as Kafka 2.7+ followers do; otherwise they ask first (KIP-101)
 */
record SimConfig(long seed, int replicaCount, int minInsyncReplicas, int steps, CrashModel crashModel,
                 long tickMs, long replicaLagTimeMaxMs, long requestTimeoutMs, int fetchMaxRecords,
                 long fetchBackoffMs, long idleFetchDelayMs, long netMinDelayMs, long netMaxDelayMs,
                 double dropProbability, boolean divergenceByFetchOnly) {

    /**
     * What a crash may do. Both lose every unflushed record of the crashed replica.
     * {@link #KEEP_ONE_IN_SYNC_REPLICA_RUNNING}: the nemesis never kills the last running member of
     * the ISR, which is the condition under which Kafka (acks=all, no fsync, clean elections only)
     * promises not to lose acknowledged records. {@link #ANYTHING_GOES}: it may kill every ISR
     * member at once, which can lose acknowledged records in Kafka too; the checker must notice.
     */
    enum CrashModel { KEEP_ONE_IN_SYNC_REPLICA_RUNNING, ANYTHING_GOES }

    static SimConfig defaults(long seed) {
        return new SimConfig(seed, 3, 2, 3_000, CrashModel.KEEP_ONE_IN_SYNC_REPLICA_RUNNING,
                10, 200, 400, 7, 30, 15, 1, 25, 0.03, false);
    }

    SimConfig withMinInsyncReplicas(int minInsync) {
        return new SimConfig(seed, replicaCount, minInsync, steps, crashModel, tickMs, replicaLagTimeMaxMs,
                requestTimeoutMs, fetchMaxRecords, fetchBackoffMs, idleFetchDelayMs, netMinDelayMs, netMaxDelayMs,
                dropProbability, divergenceByFetchOnly);
    }

    SimConfig withCrashModel(CrashModel model) {
        return new SimConfig(seed, replicaCount, minInsyncReplicas, steps, model, tickMs, replicaLagTimeMaxMs,
                requestTimeoutMs, fetchMaxRecords, fetchBackoffMs, idleFetchDelayMs, netMinDelayMs, netMaxDelayMs,
                dropProbability, divergenceByFetchOnly);
    }

    SimConfig withDivergenceByFetchOnly(boolean byFetchOnly) {
        return new SimConfig(seed, replicaCount, minInsyncReplicas, steps, crashModel, tickMs, replicaLagTimeMaxMs,
                requestTimeoutMs, fetchMaxRecords, fetchBackoffMs, idleFetchDelayMs, netMinDelayMs, netMaxDelayMs,
                dropProbability, byFetchOnly);
    }
}
