package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * __consumer_offsets is replicated like any topic: when the broker coordinating a group dies, the
 * coordinator moves with the offsets partition's leadership, reloads the committed offsets there,
 * and the group resumes exactly where it committed.
 */
class GroupCoordinatorFailoverTest {

    private static final String TOPIC = "events";
    private static final String GROUP = "billing";

    @TempDir
    Path dir;

    @Test
    void committedOffsetsSurviveTheCoordinatorsDeath() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("offsets.topic.num.partitions", "3"))) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3), 1, List.of(2, 3, 1), 2, List.of(3, 1, 2)), Map.of());
            produce(cluster, "first-", 300);
            assertThat(consume(cluster, 300)).hasSize(300);

            Map<TopicPartition, OffsetAndMetadata> committed;
            int coordinator;
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                coordinator = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get()
                    .coordinator().id();
            }
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(300);

            cluster.halt(coordinator);

            AtomicReference<Map<TopicPartition, OffsetAndMetadata>> reloaded = new AtomicReference<>();
            // Short admin timeouts: a call that went to the dead coordinator fails fast and is retried,
            // finding the new one (the Java admin keeps a call on the coordinator it first found).
            Properties shortTimeouts = cluster.clientProperties();
            shortTimeouts.put(org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
            shortTimeouts.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            try (Admin admin = Admin.create(shortTimeouts)) {
                Awaitility.await("offsets readable from the new coordinator").atMost(Duration.ofSeconds(60))
                    .ignoreExceptions().until(() -> {
                        reloaded.set(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get());
                        return true;
                    });
                int newCoordinator = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get()
                    .coordinator().id();
                assertThat(newCoordinator).isNotEqualTo(coordinator);
            }
            assertThat(reloaded.get()).isEqualTo(committed);

            produce(cluster, "second-", 30);
            List<String> resumed = consume(cluster, 30);
            assertThat(resumed).as("the group resumes at its committed offsets").hasSize(30)
                .allMatch(value -> value.startsWith("second-"));
        }
    }

    private static void produce(TestCluster cluster, String prefix, int count) throws Exception {
        try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, prefix + i));
            }
            producer.flush();
        }
    }

    /** Joins the group, reads {@code expected} records (failing on more within a short grace), commits. */
    private static List<String> consume(TestCluster cluster, int expected) {
        Properties properties = cluster.clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadlineMs = System.currentTimeMillis() + 60_000;
            while (values.size() < expected && System.currentTimeMillis() < deadlineMs) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync(Duration.ofSeconds(30));
        }
        return values;
    }
}
