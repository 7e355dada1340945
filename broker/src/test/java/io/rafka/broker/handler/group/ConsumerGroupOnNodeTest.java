package io.rafka.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.node.RafkaNode;
import io.rafka.common.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@link KafkaConsumer}s in one classic group on a real node (data plane + admin + group handlers): three
 * members share six partitions and consume every record once; one leaves, the other two take over from the
 * committed offsets; after a node restart a new member finds every offset still committed.
 */
class ConsumerGroupOnNodeTest {

    private static final String TOPIC = "tasks";
    private static final String GROUP = "workers";
    private static final int PARTITIONS = 6;
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void aGroupOfThreeSharesSixPartitionsRebalancesOnLeaveAndKeepsOffsetsOverARestart() throws Exception {
        Set<String> consumed = new HashSet<>();
        try (RafkaNode node = start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    node.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            List<KafkaConsumer<String, String>> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                members.add(consumer(node, "member-" + i));
            }
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    pollAll(members, consumed);
                    return members.stream().allMatch(m -> m.assignment().size() == 2);
                });
                produce(node, 0, 600);
                await().atMost(Duration.ofSeconds(60)).until(() -> pollAll(members, consumed) >= 0
                        && consumed.size() == 600);

                members.remove(2).close(); // LeaveGroup: the other two take its partitions
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    pollAll(members, consumed);
                    return members.stream().allMatch(m -> m.assignment().size() == 3);
                });
                produce(node, 600, 300);
                await().atMost(Duration.ofSeconds(60)).until(() -> pollAll(members, consumed) >= 0
                        && consumed.size() == 900);
            } finally {
                members.forEach(KafkaConsumer::close);
            }
        }
        try (RafkaNode restarted = start();
             KafkaConsumer<String, String> late = consumer(restarted, "late")) {
            Set<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(TOPIC, p)).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = late.committed(partitions, Duration.ofSeconds(30));
            assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(900);
        }
    }

    private RafkaNode start() throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("listeners", "PLAINTEXT://127.0.0.1:0");
        properties.put("log.dirs", dir.resolve("data").toString());
        properties.put("broker.heartbeat.interval.ms", "500");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("offsets.topic.num.partitions", "5");
        return RafkaNode.start(RafkaConfig.fromMap(properties), Time.SYSTEM, List.of());
    }

    /**
     * Polls every member once and commits what it got; a record seen twice fails the test. Records are produced
     * only while the group is stable, so a commit refused by a rebalance is harmless exactly when that poll
     * returned nothing.
     */
    private static int pollAll(List<KafkaConsumer<String, String>> members, Set<String> consumed) {
        int count = 0;
        for (KafkaConsumer<String, String> member : members) {
            int polled = 0;
            for (ConsumerRecord<String, String> record : member.poll(POLL)) {
                assertThat(consumed.add(record.value())).as("consumed twice: %s", record.value()).isTrue();
                polled++;
            }
            try {
                member.commitSync();
            } catch (RebalanceInProgressException | CommitFailedException e) {
                if (polled > 0) {
                    throw e;
                }
            }
            count += polled;
        }
        return count;
    }

    private static void produce(RafkaNode node, int from, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(RafkaNode node, String clientId) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }
}
