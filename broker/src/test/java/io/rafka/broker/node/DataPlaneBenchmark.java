package io.rafka.broker.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput and latency of one node with the stock Java producer and consumer, in the shape of Kafka's
 * {@code ProducerPerformance} / {@code ConsumerPerformance}: 1 KiB records, 6 partitions, acks=1 then
 * acks=all (idempotent producer, default batching), then one consumer reading everything back. Prints
 * records/s, MB/s, average and p99 send latency, consumer MB/s. Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -q -o -pl broker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rafka.broker.node.DataPlaneBenchmark -Dexec.args="300000"
 * </pre>
 * Argument: records per run (300,000). Data goes to a temp dir, deleted at the end. The random payload
 * seed is fixed (42) so every run sends the same bytes.
 */
public final class DataPlaneBenchmark {

    private static final int RECORD_BYTES = 1024;
    private static final int PARTITIONS = 6;
    private static final long PAYLOAD_SEED = 42;

    private DataPlaneBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Path dataDir = Files.createTempDirectory("rafka-bench");
        try (RafkaNode node = TestNode.start(dataDir, Map.of("log.segment.bytes", String.valueOf(256 * 1024 * 1024)))) {
            System.out.println("node ready in " + node.startupMs() + " ms");
            for (String acks : List.of("1", "all")) {
                String topic = "bench-acks-" + acks;
                TestNode.createTopic(node, topic, PARTITIONS, Map.of());
                produce(TestNode.clientProperties(node), topic, acks, records);
                consume(node, topic, records);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One unthrottled producer run against {@code clientProperties}' bootstrap servers; prints a FIGURE line. */
    static void produce(Properties clientProperties, String topic, String acks, int records) throws Exception {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.ACKS_CONFIG, acks);
        byte[] payload = new byte[RECORD_BYTES];
        new Random(PAYLOAD_SEED).nextBytes(payload);
        long[] latenciesNs = new long[records];
        CountDownLatch done = new CountDownLatch(records);
        AtomicInteger failures = new AtomicInteger();
        long startNs = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                int index = i;
                long sentNs = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> {
                    latenciesNs[index] = System.nanoTime() - sentNs;
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            done.await(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        Arrays.sort(latenciesNs);
        double avgMs = Arrays.stream(latenciesNs).average().orElse(0) / 1e6;
        double p99Ms = latenciesNs[(int) (records * 0.99)] / 1e6;
        System.out.printf("FIGURE produce acks=%s: %d records, %.0f records/s, %.1f MB/s, avg %.1f ms, p99 %.1f ms, %d failed%n",
            acks, records, records / seconds, records * (double) RECORD_BYTES / seconds / 1e6, avgMs, p99Ms, failures.get());
    }

    private static void consume(RafkaNode node, String topic, int records) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long bytes = 0;
        int count = 0;
        long startNs = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assignment = java.util.stream.IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            while (count < records && System.nanoTime() - startNs < TimeUnit.MINUTES.toNanos(10)) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                for (var record : polled) {
                    bytes += record.value().length;
                    count++;
                }
            }
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("FIGURE consume %s: %d records, %.0f records/s, %.1f MB/s%n", topic, count, count / seconds,
            bytes / seconds / 1e6);
    }
}
