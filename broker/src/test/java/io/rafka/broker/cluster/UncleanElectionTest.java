package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestCluster;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.image.PartitionRegistration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When every ISR member of a partition is dead and only out-of-sync replicas live: with unclean
 * election disabled the partition stays offline and loses nothing once an ISR member returns; with
 * it enabled the live replica holding the most data leads, and the loss the cluster reports equals
 * the acknowledged records a consumer can no longer read.
 *
 * <p>Set-up: the leader is a node that is not the active controller (so the controller keeps the
 * dead leader's last replica report), min.insync.replicas=1 so that the leader alone acknowledges
 * once its followers are stalled out of the ISR.
 */
class UncleanElectionTest {

    @TempDir
    Path dir;

    @Test
    void uncleanDisabledKeepsThePartitionOfflineUntilAnIsrMemberReturns() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("replica.lag.time.max.ms", "1500"))) {
            List<Integer> replicas = leaderNotController(cluster);
            int leader = replicas.get(0);
            cluster.createTopic("clean", Map.of(0, replicas), Map.of("min.insync.replicas", "1"));
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
                ClusterClients.produceAcked(producer, "clean", 0, "r", 50);
                stall(cluster, replicas.subList(1, 3));
                // acks=all completes once the stalled followers have been shrunk out of the ISR.
                ClusterClients.produceAcked(producer, "clean", 0, "s", 50);
                awaitIsr(cluster, "clean", List.of(leader));
            }

            cluster.halt(leader);
            Awaitility.await("partition offline").atMost(Duration.ofSeconds(30))
                .until(() -> !cluster.registration("clean", 0).orElseThrow().hasLeader());
            // Offline, and it stays offline while the controller sees the live out-of-sync replicas heartbeat.
            awaitHeartbeats(cluster, 4);
            assertThat(cluster.registration("clean", 0).orElseThrow().hasLeader()).isFalse();

            replicas.subList(1, 3).forEach(id -> cluster.node(id).replicaFetchers().setPaused(false));
            cluster.restart(leader);
            Awaitility.await("the ISR member leads again").atMost(Duration.ofSeconds(60))
                .until(() -> cluster.leads(leader, "clean", 0));
            List<String> values = ClusterClients.values(ClusterClients.readAll(cluster, "clean", 1).get(0));
            assertThat(values).as("nothing acknowledged is lost").containsExactlyElementsOf(expected("r", 50, "s", 50));
        }
    }

    @Test
    void uncleanEnabledElectsTheReplicaWithMostDataAndReportsExactlyTheLoss() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("replica.lag.time.max.ms", "1500"))) {
            List<Integer> replicas = leaderNotController(cluster);
            int leader = replicas.get(0);
            int longer = replicas.get(1);
            int shorter = replicas.get(2);
            cluster.createTopic("unclean", Map.of(0, replicas),
                Map.of("min.insync.replicas", "1", "unclean.leader.election.enable", "true"));
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
                ClusterClients.produceAcked(producer, "unclean", 0, "a", 30);      // on all three
                stall(cluster, List.of(shorter));
                ClusterClients.produceAcked(producer, "unclean", 0, "b", 20);      // leader and `longer`
                awaitIsr(cluster, "unclean", List.of(leader, longer));
                stall(cluster, List.of(longer));
                ClusterClients.produceAcked(producer, "unclean", 0, "c", 25);      // leader only
                awaitIsr(cluster, "unclean", List.of(leader));
            }
            assertThat(logEnd(cluster, longer)).isEqualTo(50);
            assertThat(logEnd(cluster, shorter)).isEqualTo(30);
            // The controller must know every replica's current end: two more heartbeats from each node.
            awaitHeartbeats(cluster, 2);

            cluster.halt(leader);
            Awaitility.await("unclean election").atMost(Duration.ofSeconds(30))
                .until(() -> cluster.registration("unclean", 0).orElseThrow().leader() == longer
                    && cluster.leads(longer, "unclean", 0));
            PartitionRegistration elected = cluster.registration("unclean", 0).orElseThrow();
            assertThat(elected.lastUncleanElection()).isNotNull();
            long reportedLoss = elected.lastUncleanElection().totalOffsetsLost();
            assertThat(reportedLoss).isEqualTo(25);
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "unclean");
                Config configs = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(configs.get("rafka.unclean.election.records.lost").value()).isEqualTo("0:25");
            }

            cluster.node(shorter).replicaFetchers().setPaused(false);
            cluster.node(longer).replicaFetchers().setPaused(false);
            List<String> readable = ClusterClients.values(ClusterClients.readAll(cluster, "unclean", 1).get(0));
            List<String> acknowledged = expected("a", 30, "b", 20, "c", 25);
            List<String> lost = new ArrayList<>(acknowledged);
            lost.removeAll(readable);
            assertThat(readable).containsExactlyElementsOf(expected("a", 30, "b", 20));
            assertThat((long) lost.size()).as("reported loss = acknowledged records no longer readable")
                .isEqualTo(reportedLoss);

            // The old leader returns, truncates its 25 foreign records and follows.
            cluster.restart(leader);
            Awaitility.await("old leader converges").atMost(Duration.ofSeconds(60))
                .until(() -> cluster.registration("unclean", 0).orElseThrow().isr().size() == 3);
            assertThat(logEnd(cluster, leader)).isEqualTo(logEnd(cluster, longer));
            assertThat(ClusterClients.values(ClusterClients.readAll(cluster, "unclean", 1).get(0)))
                .containsExactlyElementsOf(expected("a", 30, "b", 20));
        }
    }

    /** Replicas for one partition led by a node other than the active controller. */
    private static List<Integer> leaderNotController(TestCluster cluster) {
        int controller = cluster.anyNode().quorum().leaderId();
        List<Integer> others = new ArrayList<>(IntStream.rangeClosed(1, cluster.size()).boxed().toList());
        others.remove(Integer.valueOf(controller));
        return List.of(others.get(0), others.get(1), controller);
    }

    /**
     * Stops the followers' fetching. They leave the ISR only once the leader's log moves past them for
     * replica.lag.time.max.ms (a follower with nothing to copy is in sync), so the caller produces next.
     */
    private static void stall(TestCluster cluster, List<Integer> followers) {
        followers.forEach(id -> cluster.node(id).replicaFetchers().setPaused(true));
    }

    private static void awaitIsr(TestCluster cluster, String topic, List<Integer> isr) {
        Awaitility.await("ISR " + isr).atMost(Duration.ofSeconds(30))
            .until(() -> new java.util.HashSet<>(cluster.registration(topic, 0).orElseThrow().isr())
                .equals(new java.util.HashSet<>(isr)));
    }

    private static void awaitHeartbeats(TestCluster cluster, int more) {
        Map<RafkaNode, Long> start = new java.util.HashMap<>();
        cluster.runningNodes().forEach(node -> start.put(node, node.heartbeatsAnswered()));
        Awaitility.await(more + " more heartbeats").atMost(Duration.ofSeconds(30))
            .until(() -> start.entrySet().stream().allMatch(e -> e.getKey().heartbeatsAnswered() >= e.getValue() + more));
    }

    private static long logEnd(TestCluster cluster, int nodeId) {
        return cluster.node(nodeId).replicaManager().partition(new TopicPartition(
            cluster.registration("unclean", 0).isPresent() ? "unclean" : "clean", 0)).orElseThrow().log().logEndOffset();
    }

    private static List<String> expected(Object... prefixAndCount) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < prefixAndCount.length; i += 2) {
            String prefix = (String) prefixAndCount[i];
            int count = (Integer) prefixAndCount[i + 1];
            for (int n = 0; n < count; n++) {
                values.add(prefix + n);
            }
        }
        return values;
    }
}
