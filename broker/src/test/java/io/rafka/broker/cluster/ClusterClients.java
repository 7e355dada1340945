package io.rafka.broker.cluster;

import io.rafka.broker.node.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real Kafka clients against a {@link TestCluster}, set up the way the cluster tests need them. */
final class ClusterClients {

    private ClusterClients() {}

    /** An idempotent acks=all producer that retries through leader changes for up to two minutes. */
    static KafkaProducer<String, String> producer(TestCluster cluster) {
        Properties properties = cluster.clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        properties.put(ProducerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /**
     * Reads every partition of {@code topic} from the beginning up to the end offsets the cluster
     * reports now (the high watermarks), with an assign-mode consumer.
     */
    static Map<Integer, List<ConsumerRecord<String, String>>> readAll(TestCluster cluster, String topic, int partitions) {
        Properties properties = cluster.clientProperties();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        Map<Integer, List<ConsumerRecord<String, String>>> read = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> assignment = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assignment.add(new TopicPartition(topic, p));
                read.put(p, new ArrayList<>());
            }
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofSeconds(30));
            long deadlineMs = System.currentTimeMillis() + 60_000;
            while (!reachedEnd(consumer, end) && System.currentTimeMillis() < deadlineMs) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.get(record.partition()).add(record);
                }
            }
            if (!reachedEnd(consumer, end)) {
                throw new AssertionError("could not read " + topic + " up to " + end + " within 60 s");
            }
        }
        return read;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Sends {@code count} records with values {@code prefix0..} to one partition and waits for every ack. */
    static List<org.apache.kafka.clients.producer.RecordMetadata> produceAcked(KafkaProducer<String, String> producer,
                                                                            String topic, int partition, String prefix,
                                                                            int count) throws Exception {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, partition, null,
                prefix + i)));
        }
        List<org.apache.kafka.clients.producer.RecordMetadata> acked = new ArrayList<>();
        for (java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send : sends) {
            acked.add(send.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        return acked;
    }

    /** The values of records read from one partition, in offset order. */
    static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
