package io.rafka.replication.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded deterministic simulation of replication (STYLE.md #12, after Kafka's
 * RaftEventSimulationTest): three replicas with in-memory logs, a fake controller doing clean
 * elections and validating ISR proposals by partition epoch, an in-memory network that delays and
 * drops replica traffic and isolates nodes, leadership moves, and crashes that lose every unflushed
 * record. {@link SimInvariants} are checked after every step; at the end the faults stop and the
 * cluster must converge.
 *
 * <p><b>Crash model.</b> acks=all without fsync only promises durability while some in-sync replica
 * keeps the data: if every ISR member loses power at once, Kafka loses acknowledged records too.
 * The main test therefore never crashes the last running ISR member (a crashed broker is fenced
 * and leaves the ISR at once, as DESIGN.md's fast failure detection does), while any number of
 * other replicas may be down, isolated or lagging. {@link #checkerCatchesLossWhenEveryInSyncReplicaCrashes}
 * lifts that restriction and demands that the checker notice the resulting loss.
 *
 * <p>Replay: {@code -Dsim.seed=N} runs that seed alone; {@code -Dsim.seeds=COUNT} and
 * {@code -Dsim.baseSeed=B} choose how many seeds from where (default 1000 from 1). Every failure
 * prints its seed and the last nemesis events.
 */
class ReplicationSimulationTest {

    @Test
    void manySeedsKeepEverySafetyPropertyAndConverge() {
        SimStats total = new SimStats();
        List<String> failures = new ArrayList<>();
        long committed = 0;
        for (long seed : seeds()) {
            SimConfig config = SimConfig.defaults(seed)
                    .withMinInsyncReplicas(seed % 2 == 0 ? 2 : 1)
                    .withDivergenceByFetchOnly(seed % 4 >= 2);
            SimCluster cluster = new SimCluster(config);
            try {
                cluster.run();
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + seed + " (replay with -Dsim.seed=" + seed + "): " + e + "\n" + cluster.recentTrace());
                e.printStackTrace();
            }
            total.add(cluster.stats());
            committed += cluster.committedCount();
        }
        System.out.println("simulation seeds " + seeds().get(0) + ".." + seeds().get(seeds().size() - 1)
                + ": committed=" + committed + " " + total);
        assertThat(failures).as("failing seeds").isEmpty();
        if (seeds().size() >= 50) {
            // The run must have exercised what it claims to check.
            assertThat(total.acknowledged).isPositive();
            assertThat(total.crashes).isPositive();
            assertThat(total.leaderMoves).isPositive();
            assertThat(total.recordsTruncated).isPositive();
            assertThat(total.divergencesFromFetch).isPositive();
            assertThat(total.isrShrinkProposals).isPositive();
            assertThat(total.isrExpandProposals).isPositive();
            assertThat(total.isrProposalsRejected).isPositive();
            assertThat(total.refusedNotEnoughReplicas).isPositive();
        }
    }

    @Test
    void checkerCatchesLossWhenEveryInSyncReplicaCrashes() {
        Long lossSeed = null;
        String violation = null;
        for (long seed = 1; seed <= 400 && lossSeed == null; seed++) {
            SimConfig config = SimConfig.defaults(seed).withMinInsyncReplicas(1)
                    .withCrashModel(SimConfig.CrashModel.ANYTHING_GOES);
            try {
                new SimCluster(config).run();
            } catch (SimInvariants.SimViolation e) {
                lossSeed = seed;
                violation = e.getMessage();
            }
        }
        System.out.println("unrestricted crashes: first violation at seed " + lossSeed + ": " + violation);
        assertThat(lossSeed).as("some seed must lose acknowledged data when all ISR members crash").isNotNull();
        assertThat(violation).containsAnyOf("lost committed records", "disagrees with committed", "lacks records",
                "is not the committed record");
    }

    private static List<Long> seeds() {
        String single = System.getProperty("sim.seed");
        if (single != null) {
            return List.of(Long.parseLong(single));
        }
        long base = Long.getLong("sim.baseSeed", 1L);
        int count = Integer.getInteger("sim.seeds", 1000);
        List<Long> seeds = new ArrayList<>();
        for (long seed = base; seed < base + count; seed++) {
            seeds.add(seed);
        }
        return seeds;
    }
}
