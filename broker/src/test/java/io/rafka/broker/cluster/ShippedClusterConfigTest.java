package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.node.RafkaNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three files in {@code config/cluster/} are a working cluster as shipped (only the data
 * directories are moved to a temp dir): a topic created with the defaults gets three replicas, all
 * in sync, and takes acks=all writes. Uses the files' fixed ports 9192/9292/9392 and 9193/9293/9393.
 */
class ShippedClusterConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedThreeNodeFilesFormAReplicatedCluster() throws Exception {
        List<RafkaNode> nodes = new ArrayList<>();
        try {
            List<CompletableFuture<RafkaNode>> starting = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                RafkaConfig config = RafkaConfig.load(Path.of("..", "config", "cluster", "node-" + id + ".properties"),
                    List.of("log.dirs=" + dir.resolve("node-" + id)));
                assertThat(config.unknownKeys()).isEmpty();
                starting.add(CompletableFuture.supplyAsync(() -> startUnchecked(config)));
            }
            for (CompletableFuture<RafkaNode> node : starting) {
                nodes.add(node.get(120, TimeUnit.SECONDS));
            }
            Properties client = new Properties();
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9192,127.0.0.1:9292,127.0.0.1:9392");
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic("shipped", Optional.of(3), Optional.empty()))).all().get();
                Awaitility.await("all replicas in sync").atMost(60, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                    TopicDescription topic = admin.describeTopics(List.of("shipped")).allTopicNames().get().get("shipped");
                    return topic.partitions().stream().allMatch(p -> p.replicas().size() == 3 && p.isr().size() == 3);
                });
            }
            client.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
                    new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>("shipped", "k", "v")).get(30, TimeUnit.SECONDS).offset())
                    .isZero();
            }
        } finally {
            nodes.parallelStream().forEach(RafkaNode::halt);
        }
    }

    private static RafkaNode startUnchecked(RafkaConfig config) {
        try {
            return RafkaNode.start(config);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
