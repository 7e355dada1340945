package io.rafka.broker.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.partition.Partition;
import io.rafka.common.Time;
import io.rafka.log.LogConfig;
import io.rafka.log.LogManager;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.DeleteTopics;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node as a whole: restart with data, metadata deltas applied to local logs, controlled shutdown. */
class NodeLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void recordsAndClusterIdSurviveARestartAfterACleanShutdown() throws Exception {
        List<String> sent = new ArrayList<>();
        String clusterId;
        try (RafkaNode node = TestNode.start(dataDir)) {
            clusterId = node.clusterId();
            TestNode.createTopic(node, "durable", 2, Map.of());
            try (KafkaProducer<String, String> producer = producer(node)) {
                for (int i = 0; i < 500; i++) {
                    sent.add("k" + i + "=v" + i);
                    producer.send(new ProducerRecord<>("durable", i % 2, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(dataDir.resolve(".kafka_cleanshutdown")).exists();

        try (RafkaNode restarted = TestNode.start(dataDir)) {
            System.out.println("restart (warm JVM) ready in " + restarted.startupMs() + " ms");
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            TestNode.awaitLeadership(restarted, "durable", 2);
            List<String> consumed = consumeAll(restarted, "durable", 2, sent.size());
            assertThat(consumed).containsExactlyInAnyOrderElementsOf(sent);
            // New writes continue after the old ones.
            try (KafkaProducer<String, String> producer = producer(restarted)) {
                long offset = producer.send(new ProducerRecord<>("durable", 0, "after", "restart")).get(30, TimeUnit.SECONDS).offset();
                assertThat(offset).isEqualTo(250);
            }
        }
    }

    @Test
    void deletingATopicDeletesItsLogs() throws Exception {
        try (RafkaNode node = TestNode.start(dataDir)) {
            TestNode.createTopic(node, "doomed", 2, Map.of());
            Path partitionDir = node.logManager().getLog("doomed", 0).orElseThrow().dir();
            assertThat(partitionDir).exists();

            DeleteTopics.Response response = node.quorum().controllerClient().deleteTopics(
                new DeleteTopics.Request(List.of("doomed"), List.of())).get(30, TimeUnit.SECONDS);
            assertThat(response.results().get(0).error().isSuccess()).isTrue();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                node.logManager().getLog("doomed", 0).isEmpty() && node.logManager().getLog("doomed", 1).isEmpty());
            assertThat(node.replicaManager().partition(new TopicPartition("doomed", 0))).isEmpty();
            assertThat(Files.exists(partitionDir)).isFalse();
        }
    }

    @Test
    void topicConfigChangesReachTheLog() throws Exception {
        try (RafkaNode node = TestNode.start(dataDir)) {
            TestNode.createTopic(node, "tuned", 1, Map.of("retention.ms", "3600000"));
            Partition partition = node.replicaManager().partition(new TopicPartition("tuned", 0)).orElseThrow();
            assertThat(partition.log().config().retentionMs()).isEqualTo(3_600_000L);

            IncrementalAlterConfigs.Response response = node.quorum().controllerClient().incrementalAlterConfigs(
                new IncrementalAlterConfigs.Request(List.of(new IncrementalAlterConfigs.Resource(
                    ConfigResource.topic("tuned"), List.of(
                        new IncrementalAlterConfigs.Op("retention.ms", IncrementalAlterConfigs.OpType.SET, "60000"),
                        new IncrementalAlterConfigs.Op("segment.bytes", IncrementalAlterConfigs.OpType.SET, "2097152"),
                        new IncrementalAlterConfigs.Op("min.insync.replicas", IncrementalAlterConfigs.OpType.SET, "2")))),
                    false)).get(30, TimeUnit.SECONDS);
            assertThat(response.results().get(0).error().isSuccess()).as("%s", response).isTrue();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> partition.log().config().retentionMs() == 60_000L);
            assertThat(partition.log().config().segmentBytes()).isEqualTo(2 * 1024 * 1024);
            assertThat(partition.settings().minInsyncReplicas()).isEqualTo(2);
        }
    }

    @Test
    void strayLogsOfTopicsUnknownToTheMetadataAreDeletedAtStart() throws Exception {
        try (RafkaNode node = TestNode.start(dataDir)) {
            TestNode.createTopic(node, "kept", 1, Map.of());
        }
        // A log the metadata never heard of: what a topic deleted while this node was down leaves behind.
        try (LogManager logs = LogManager.open(List.of(dataDir), LogConfig.defaults(), Time.SYSTEM,
                LogManager.Settings.manual())) {
            logs.getOrCreateLog("forgotten", 0, LogConfig.defaults());
        }
        try (RafkaNode node = TestNode.start(dataDir)) {
            assertThat(node.logManager().getLog("forgotten", 0)).isEmpty();
            assertThat(node.logManager().getLog("kept", 0)).isPresent();
        }
    }

    private static KafkaProducer<String, String> producer(RafkaNode node) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static List<String> consumeAll(RafkaNode node, String topic, int partitions, int expected) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> assignment = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assignment.add(new org.apache.kafka.common.TopicPartition(topic, p));
            }
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            long deadlineMs = System.currentTimeMillis() + 60_000;
            while (consumed.size() < expected && System.currentTimeMillis() < deadlineMs) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    consumed.add(record.key() + "=" + record.value());
                }
            }
        }
        return consumed;
    }
}
