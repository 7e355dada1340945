package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import io.rafka.log.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that stops fetching (while its broker stays alive and heartbeating) leaves the ISR after
 * replica.lag.time.max.ms, acks=all goes on with the remaining min.insync.replicas, and the follower
 * rejoins the ISR once it has caught up.
 */
class IsrLagTest {

    private static final String TOPIC = "lagging";

    @TempDir
    Path dir;

    @Test
    void aStalledFollowerLeavesTheIsrAndRejoinsOnceCaughtUp() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("replica.lag.time.max.ms", "1500"))) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3)), Map.of("min.insync.replicas", "2"));
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
                ClusterClients.produceAcked(producer, TOPIC, 0, "before-", 100);

                cluster.node(3).replicaFetchers().setPaused(true);
                ClusterClients.produceAcked(producer, TOPIC, 0, "while-shrinking-", 100);
                Awaitility.await("node 3 leaves the ISR").atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.registration(TOPIC, 0).orElseThrow().isr().equals(List.of(1, 2)));
                ClusterClients.produceAcked(producer, TOPIC, 0, "after-shrink-", 100);
                assertThat(logEnd(cluster, 3)).as("node 3 stopped copying").isLessThan(logEnd(cluster, 1));

                cluster.node(3).replicaFetchers().setPaused(false);
                Awaitility.await("node 3 rejoins the ISR").atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.registration(TOPIC, 0).orElseThrow().isr().size() == 3);
                assertThat(logEnd(cluster, 3)).isGreaterThanOrEqualTo(300);
            }
            assertThat(ClusterClients.values(ClusterClients.readAll(cluster, TOPIC, 1).get(0))).hasSize(300);
        }
    }

    private static long logEnd(TestCluster cluster, int nodeId) {
        return cluster.node(nodeId).replicaManager().partition(new TopicPartition(TOPIC, 0)).orElseThrow().log()
            .logEndOffset();
    }
}
