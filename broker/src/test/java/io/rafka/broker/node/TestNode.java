package io.rafka.broker.node;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.partition.Partition;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.api.CreateTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Starts real nodes for tests: one PLAINTEXT listener on an ephemeral loopback port, data under a temp dir. */
public final class TestNode {

    private TestNode() {}

    public static RafkaConfig config(Path dataDir, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("listeners", "PLAINTEXT://127.0.0.1:0");
        properties.put("log.dirs", dataDir.toString());
        properties.put("broker.heartbeat.interval.ms", "500");
        properties.putAll(overrides);
        return RafkaConfig.fromMap(properties);
    }

    public static RafkaNode start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    public static RafkaNode start(Path dataDir, Map<String, String> overrides) throws IOException {
        return RafkaNode.start(config(dataDir, overrides));
    }

    /**
     * Creates a topic through the controller (CreateTopics is the admin handlers' job) and waits until
     * this node leads every partition.
     */
    public static void createTopic(RafkaNode node, String name, int partitions, Map<String, String> configs)
            throws Exception {
        CreateTopics.Response response = node.quorum().controllerClient().createTopics(new CreateTopics.Request(
            List.of(new CreateTopics.Topic(name, partitions, 1, Map.of(), configs)), false)).get(30, TimeUnit.SECONDS);
        if (!response.results().get(0).error().isSuccess()) {
            throw new IllegalStateException("cannot create " + name + ": " + response.results().get(0).error());
        }
        awaitLeadership(node, name, partitions);
    }

    public static void awaitLeadership(RafkaNode node, String topic, int partitions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int p = 0; p < partitions; p++) {
                if (!node.replicaManager().partition(new TopicPartition(topic, p)).map(Partition::isLeader).orElse(false)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Client properties pointing at {@code node}, with short timeouts so a failing test fails fast. */
    public static Properties clientProperties(RafkaNode node) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return properties;
    }
}
