package io.rafka.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped the SIGTERM way hands its leaderships to other ISR members before it exits: with a
 * session timeout far longer than the test waits, only the controlled shutdown can move them, and
 * the producer sees nothing worse than retriable errors.
 */
class ControlledShutdownTest {

    private static final String TOPIC = "steady";

    @TempDir
    Path dir;

    @Test
    void leadershipMovesBeforeTheNodeExitsAndNoSendFails() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3, Map.of("broker.session.timeout.ms", "60000"))) {
            cluster.createTopic(TOPIC, Map.of(0, List.of(1, 2, 3), 1, List.of(1, 3, 2)), Map.of("min.insync.replicas", "2"));
            ConcurrentMap<String, RecordMetadata> acknowledged = new ConcurrentHashMap<>();
            List<Exception> failures = new CopyOnWriteArrayList<>();
            AtomicInteger acks = new AtomicInteger();
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster)) {
                for (int i = 0; i < 6_000; i++) {
                    String value = "v" + i;
                    producer.send(new ProducerRecord<>(TOPIC, i % 2, null, value), (metadata, error) -> {
                        if (error != null) {
                            failures.add(error);
                        } else {
                            acknowledged.put(value, metadata);
                            acks.incrementAndGet();
                        }
                    });
                    if (i == 2_000) {
                        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acks.get() >= 1_500);
                        cluster.stop(1);
                        Awaitility.await("leadership moved by the controlled shutdown").atMost(Duration.ofSeconds(10))
                            .until(() -> cluster.registration(TOPIC, 0).orElseThrow().leader() != 1
                                && cluster.registration(TOPIC, 1).orElseThrow().leader() != 1);
                    }
                }
                producer.flush();
            }
            assertThat(failures).isEmpty();
            assertThat(acknowledged).hasSize(6_000);
            Map<Integer, List<ConsumerRecord<String, String>>> read = ClusterClients.readAll(cluster, TOPIC, 2);
            assertThat(read.get(0).size() + read.get(1).size()).isEqualTo(6_000);
            read.values().forEach(records -> records.forEach(record ->
                assertThat(acknowledged.get(record.value()).offset()).isEqualTo(record.offset())));
        }
    }
}
