package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import io.rafka.log.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reassignment moves real data: a partition on brokers [1,2,3] moves to [2,3,4]; broker 4 copies the
 * log, joins the ISR, and only then is broker 1 dropped (its log deleted). With Kafka's follower
 * throttle set, the copy cannot go faster than the rate allows.
 */
class ReassignmentTest {

    private static final String TOPIC = "moving";

    @TempDir
    Path dir;

    @Test
    void movingAPartitionToANewBrokerCopiesEveryRecordBeforeDroppingTheOldReplica() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 4, Map.of())) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3)), Map.of("min.insync.replicas", "2"));
            List<String> sent = produce(cluster, 2_000);

            try (Admin admin = Admin.create(cluster.clientProperties())) {
                admin.alterPartitionReassignments(Map.of(new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                    Optional.of(new NewPartitionReassignment(List.of(2, 3, 4))))).all().get();
            }
            awaitMoved(cluster, List.of(2, 3, 4));

            assertThat(logEnd(cluster, 4)).as("the new replica holds everything").isEqualTo(2_000);
            Awaitility.await("old replica's log deleted").atMost(Duration.ofSeconds(30))
                .until(() -> cluster.node(1).logManager().allLogs().keySet().stream()
                    .noneMatch(tp -> tp.topic().equals(TOPIC)));
            cluster.halt(1);
            assertThat(ClusterClients.values(ClusterClients.readAll(cluster, TOPIC, 1).get(0)))
                .containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aFollowerThrottleCapsTheCopyRate() throws Exception {
        long rateBytesPerSecond = 200_000;
        try (TestCluster cluster = TestCluster.start(dir, 4, Map.of())) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3)), Map.of());
            produce(cluster, 1_000); // about 1.1 MB with batch overhead
            long logBytes = cluster.node(1).replicaManager().partition(new TopicPartition(TOPIC, 0)).orElseThrow()
                .log().sizeBytes();

            long startNs;
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                admin.incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.BROKER, "4"), List.of(set("follower.replication.throttled.rate",
                        Long.toString(rateBytesPerSecond))),
                    new ConfigResource(ConfigResource.Type.TOPIC, TOPIC), List.of(set(
                        "follower.replication.throttled.replicas", "0:4")))).all().get();
                Awaitility.await("throttle configs reach broker 4").atMost(Duration.ofSeconds(10)).until(() ->
                    !cluster.node(4).replicaManager().image().configs(io.rafka.metadata.api.ConfigResource.topic(TOPIC))
                        .isEmpty());
                startNs = System.nanoTime();
                admin.alterPartitionReassignments(Map.of(new org.apache.kafka.common.TopicPartition(TOPIC, 0),
                    Optional.of(new NewPartitionReassignment(List.of(2, 3, 4))))).all().get();
            }
            awaitMoved(cluster, List.of(2, 3, 4));
            double elapsedSeconds = (System.nanoTime() - startNs) / 1e9;

            // The bucket starts with one second of rate; everything beyond that needs time at the rate.
            double floorSeconds = (logBytes - rateBytesPerSecond) / (double) rateBytesPerSecond;
            assertThat(elapsedSeconds).as("copying %d bytes at %d B/s", logBytes, rateBytesPerSecond)
                .isGreaterThanOrEqualTo(floorSeconds);
            assertThat(logEnd(cluster, 4)).isEqualTo(1_000);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private static List<String> produce(TestCluster cluster, int count) throws Exception {
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
            String padding = "x".repeat(1_000);
            List<org.apache.kafka.clients.producer.RecordMetadata> acked = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String value = i + "-" + padding;
                sent.add(value);
                acked.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, 0, null, value))
                    .get());
            }
        }
        return sent;
    }

    private static void awaitMoved(TestCluster cluster, List<Integer> target) {
        Awaitility.await("reassignment to " + target).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
            .until(() -> cluster.registration(TOPIC, 0).map(r -> r.replicas().equals(target) && !r.isReassigning()
                && r.isr().size() == target.size()).orElse(false));
    }

    private static long logEnd(TestCluster cluster, int nodeId) {
        return cluster.node(nodeId).replicaManager().partition(new TopicPartition(TOPIC, 0)).orElseThrow().log()
            .logEndOffset();
    }
}
