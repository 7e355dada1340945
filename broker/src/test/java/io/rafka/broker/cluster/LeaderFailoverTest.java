package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes, RF 3, min.insync.replicas 2, an idempotent acks=all producer: the leader of a
 * partition is killed (no controlled shutdown) mid-stream. A new leader must come from the ISR, the
 * producer must carry on, and a reader must find every acknowledged record exactly once, at the
 * offset the producer was told, in send order per partition.
 */
class LeaderFailoverTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 20_000;

    @TempDir
    Path dir;

    @Test
    void killingAPartitionLeaderLosesNoAcknowledgedRecord() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of())) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3), 1, List.of(2, 3, 1), 2, List.of(3, 1, 2)),
                Map.of("min.insync.replicas", "2"));

            ConcurrentMap<String, RecordMetadata> acknowledged = new ConcurrentHashMap<>();
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            AtomicInteger acks = new AtomicInteger();
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
                Future<?> lastSend = null;
                for (int i = 0; i < RECORDS; i++) {
                    String value = "v" + i;
                    lastSend = producer.send(new ProducerRecord<>(TOPIC, "k" + (i % 97), value), (metadata, error) -> {
                        if (error != null) {
                            sendFailure.compareAndSet(null, error);
                        } else {
                            acknowledged.put(value, metadata);
                            acks.incrementAndGet();
                        }
                    });
                    if (i == RECORDS / 3) {
                        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> acks.get() >= RECORDS / 4);
                        int formerLeader = cluster.registration(TOPIC, 0).orElseThrow().leader();
                        cluster.halt(formerLeader);
                        int newLeader = cluster.awaitLeaderOtherThan(TOPIC, 0, formerLeader);
                        assertThat(Set.of(1, 2, 3)).contains(newLeader);
                    }
                }
                producer.flush();
                lastSend.get(60, TimeUnit.SECONDS);
            }
            assertThat(sendFailure.get()).as("every send succeeds (retriable errors only)").isNull();
            assertThat(acknowledged).hasSize(RECORDS);

            Map<Integer, List<ConsumerRecord<String, String>>> read = ClusterClients.readAll(cluster, TOPIC, PARTITIONS);
            Map<String, Long> offsetByValue = new TreeMap<>();
            for (List<ConsumerRecord<String, String>> partition : read.values()) {
                long previousSequence = -1;
                for (ConsumerRecord<String, String> record : partition) {
                    assertThat(offsetByValue.put(record.value(), record.offset())).as("read once: %s", record.value())
                        .isNull();
                    long sequence = Long.parseLong(record.value().substring(1));
                    assertThat(sequence).as("send order in partition %s", record.partition()).isGreaterThan(previousSequence);
                    previousSequence = sequence;
                }
            }
            acknowledged.forEach((value, metadata) -> assertThat(offsetByValue.get(value))
                .as("acknowledged %s at %s-%s", value, metadata.partition(), metadata.offset())
                .isEqualTo(metadata.offset()));
            assertThat(offsetByValue).hasSize(RECORDS);

            // The crashed preferred leader comes back, catches up, rejoins the ISR, and takes its
            // leadership back on demand (ElectLeaders PREFERRED, as kafka-leader-election does).
            cluster.restart(1);
            cluster.awaitFullIsr(TOPIC, 0);
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                admin.electLeaders(ElectionType.PREFERRED, Set.of(new TopicPartition(TOPIC, 0))).all().get();
            }
            Awaitility.await("preferred leader restored").atMost(30, TimeUnit.SECONDS)
                .until(() -> cluster.registration(TOPIC, 0).orElseThrow().leader() == 1 && cluster.leads(1, TOPIC, 0));
            assertThat(ClusterClients.readAll(cluster, TOPIC, PARTITIONS).values().stream().mapToInt(List::size).sum())
                .as("the restored leader serves everything").isEqualTo(RECORDS);
        }
    }
}
