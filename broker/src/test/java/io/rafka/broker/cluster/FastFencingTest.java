package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md, "Fast, safe failure detection": a crashed broker closes its sockets, so the controller fences it
 * (and its partitions get new leaders) long before its session times out. The session here is a minute, so
 * only the fast path can pass within the bound.
 */
class FastFencingTest {

    private static final Map<String, String> LONG_SESSION = Map.of(
        "broker.session.timeout.ms", "60000",
        "broker.heartbeat.interval.ms", "1000");
    /** Far below the 60 s session; generous for a loaded 2-core machine (typically about 1-3 s). */
    private static final Duration FAST = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void crashedPartitionLeaderIsReplacedLongBeforeItsSessionTimesOut() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, LONG_SESSION)) {
            int controller = cluster.anyNode().quorum().leaderId();
            List<Integer> others = otherThan(controller);
            int victim = others.get(0);

            int newLeader = haltLeaderAndAwaitSuccessor(cluster, List.of(victim, others.get(1), controller));

            assertThat(cluster.registration("fast", 0).orElseThrow().isr()).doesNotContain(victim);
            assertThat(newLeader).isNotEqualTo(victim);
        }
    }

    @Test
    void crashedActiveControllerIsFencedByTheNextOneLongBeforeItsSessionTimesOut() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, LONG_SESSION)) {
            int controller = cluster.anyNode().quorum().leaderId();
            List<Integer> others = otherThan(controller);

            int newLeader = haltLeaderAndAwaitSuccessor(cluster, List.of(controller, others.get(0), others.get(1)));

            assertThat(others).contains(newLeader);
        }
    }

    /** Creates topic "fast" with one partition on {@code replicas} (the first leads), halts its leader, times it. */
    private static int haltLeaderAndAwaitSuccessor(TestCluster cluster, List<Integer> replicas) throws Exception {
        cluster.createTopic("fast", Map.of(0, replicas), Map.of("min.insync.replicas", "2"));
        cluster.awaitFullIsr("fast", 0);
        int victim = replicas.get(0);

        long haltedAtNs = System.nanoTime();
        cluster.halt(victim);
        int newLeader = cluster.awaitLeaderOtherThan("fast", 0, victim);

        assertThat(Duration.ofNanos(System.nanoTime() - haltedAtNs)).isLessThan(FAST);
        return newLeader;
    }

    private static List<Integer> otherThan(int nodeId) {
        return List.of(1, 2, 3).stream().filter(id -> id != nodeId).toList();
    }
}
