package io.rafka.broker.handler.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unmodified kafka-clients producer, consumer and admin against one real node. */
class DataPlaneRealClientTest {

    private static final int AUTO_CREATED_PARTITIONS = 3;

    @TempDir
    static Path dataDir;
    private static RafkaNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dataDir, Map.of("num.partitions", String.valueOf(AUTO_CREATED_PARTITIONS)));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void idempotentAcksAllProducerRoundTripsHundredThousandKeyedRecordsInOrder() throws Exception {
        String topic = "orders";
        int partitions = 6;
        int records = 100_000;
        TestNode.createTopic(node, topic, partitions, Map.of());

        Map<Integer, List<String>> sentByPartition = new HashMap<>();
        Map<Integer, List<Long>> offsetsByPartition = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records);
            List<String> payloads = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                String key = "key-" + (i % 997);
                String value = "value-" + i + "-" + "x".repeat(i % 50);
                payloads.add(key + "=" + value);
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (int i = 0; i < records; i++) {
                RecordMetadata metadata = acks.get(i).get(60, TimeUnit.SECONDS);
                sentByPartition.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add(payloads.get(i));
                offsetsByPartition.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add(metadata.offset());
            }
        }
        assertThat(sentByPartition).hasSize(partitions);
        offsetsByPartition.forEach((partition, offsets) -> {
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("offset #%s acknowledged on partition %s", i, partition).isEqualTo(i);
            }
        });

        Map<Integer, List<String>> consumed = consumeAll(topic, partitions, records);
        for (int partition = 0; partition < partitions; partition++) {
            assertThat(consumed.get(partition)).as("partition %s", partition).isEqualTo(sentByPartition.get(partition));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void everyCompressionCodecRoundTrips(String codec) throws Exception {
        String topic = "compressed-" + codec;
        TestNode.createTopic(node, topic, 1, Map.of());
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, "5"))) {
            for (int i = 0; i < 2_000; i++) {
                String value = codec + "-" + i + "-" + "payload ".repeat(i % 20);
                sent.add("k" + i + "=" + value);
                producer.send(new ProducerRecord<>(topic, "k" + i, value));
            }
            producer.flush();
        }
        assertThat(consumeAll(topic, 1, sent.size()).get(0)).isEqualTo(sent);
    }

    @Test
    void acksZeroRecordsAreStored() throws Exception {
        String topic = "fire-and-forget";
        TestNode.createTopic(node, topic, 1, Map.of());
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.ACKS_CONFIG, "0",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                sent.add("k" + i + "=v" + i);
                sends.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                assertThat(send.get().offset()).as("acks=0 learns no offset").isEqualTo(-1);
            }
        }
        assertThat(consumeAll(topic, 1, sent.size()).get(0)).isEqualTo(sent);
    }

    @Test
    void metadataAutoCreatesAnUnknownTopicWithNumPartitions() throws Exception {
        String topic = "created-on-first-use";
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            assertThat(metadata.offset()).isZero();
        }
        try (Admin admin = Admin.create(TestNode.clientProperties(node))) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(AUTO_CREATED_PARTITIONS);
            assertThat(description.topicId()).isNotNull();
            assertThat(description.partitions()).allSatisfy(p -> {
                assertThat(p.leader().id()).isEqualTo(node.nodeId());
                assertThat(p.isr()).extracting(n -> n.id()).containsExactly(node.nodeId());
            });
        }
    }

    @Test
    void adminListsOffsetsEarliestLatestByTimestampAndMaxTimestamp() throws Exception {
        String topic = "timed";
        TestNode.createTopic(node, topic, 1, Map.of());
        long baseMs = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, "20"))) {
            // Ten records a second apart, sent together so that they share batches: lookups must be per record.
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, baseMs + i * 1_000L, "k" + i, "v" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(TestNode.clientProperties(node))) {
            assertThat(offset(admin, tp, OffsetSpec.earliest()).offset()).isZero();
            assertThat(offset(admin, tp, OffsetSpec.latest()).offset()).isEqualTo(10);
            ListOffsetsResult.ListOffsetsResultInfo byTime = offset(admin, tp, OffsetSpec.forTimestamp(baseMs + 4_500));
            assertThat(byTime.offset()).isEqualTo(5);
            assertThat(byTime.timestamp()).isEqualTo(baseMs + 5_000);
            assertThat(offset(admin, tp, OffsetSpec.forTimestamp(baseMs + 3_000)).offset()).isEqualTo(3);
            assertThat(offset(admin, tp, OffsetSpec.forTimestamp(baseMs + 20_000)).offset()).isEqualTo(-1);
            ListOffsetsResult.ListOffsetsResultInfo max = offset(admin, tp, OffsetSpec.maxTimestamp());
            assertThat(max.offset()).isEqualTo(9);
            assertThat(max.timestamp()).isEqualTo(baseMs + 9_000);
        }
    }

    @Test
    void adminDeleteRecordsMovesTheLowWatermarkAndConsumersStartThere() throws Exception {
        String topic = "trimmed";
        TestNode.createTopic(node, topic, 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(TestNode.clientProperties(node))) {
            long lowWatermark = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(40))).lowWatermarks().get(tp)
                .get().lowWatermark();
            assertThat(lowWatermark).isEqualTo(40);
            assertThat(offset(admin, tp, OffsetSpec.earliest()).offset()).isEqualTo(40);
        }
        List<String> remaining = consumeAll(topic, 1, 60).get(0);
        assertThat(remaining.get(0)).isEqualTo("k40=v40");
        assertThat(remaining).hasSize(60);
    }

    private static ListOffsetsResult.ListOffsetsResultInfo offset(Admin admin, TopicPartition tp, OffsetSpec spec)
            throws Exception {
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get(30, TimeUnit.SECONDS);
    }

    static KafkaProducer<String, String> producer(Map<String, String> overrides) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        properties.putAll(overrides);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /** Reads every partition from its beginning until {@code expected} records arrived; "key=value" per partition. */
    static Map<Integer, List<String>> consumeAll(String topic, int partitions, int expected) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<Integer, List<String>> consumed = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> assignment = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assignment.add(new TopicPartition(topic, p));
                consumed.put(p, new ArrayList<>());
            }
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            int total = 0;
            long deadlineMs = System.currentTimeMillis() + 60_000;
            while (total < expected && System.currentTimeMillis() < deadlineMs) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    consumed.get(record.partition()).add(record.key() + "=" + record.value());
                    total++;
                }
            }
            assertThat(total).as("records consumed from %s", topic).isEqualTo(expected);
            // Nothing beyond what was sent.
            assertThat(consumer.poll(Duration.ofMillis(300)).count()).isZero();
        }
        return consumed;
    }
}
