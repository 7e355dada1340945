package io.rafka.cli.server;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.node.RafkaNode;
import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;

/**
 * {@code rafka server warm-up} (hidden): starts a throwaway node in a temporary directory on free loopback
 * ports, sends it one round trip of each common kind (describe the cluster, create a topic, produce, fetch),
 * stops it and deletes the directory. The {@code rafka} launcher runs it once per build under
 * {@code -XX:ArchiveClassesAtExit}, so that the classes a node start loads (about 7,000, half of its
 * start-up time when read and verified from the jar) come from a class-data archive afterwards.
 *
 * <p>Touches nothing outside its temporary directory: a node already running on the default ports is not
 * disturbed. Thread-safety: one instance per execution.
 */
@Command(name = "warm-up", hidden = true,
        description = "Start and stop a throwaway node (used by the launcher to record a class-data archive).")
final class ServerWarmUpCommand implements Callable<Integer> {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "warm-up";

    private final CliEnvironment environment;

    ServerWarmUpCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        long startNs = System.nanoTime();
        Path dataDir = Files.createTempDirectory("rafka-warm-up-");
        try {
            RafkaNode node;
            try {
                node = RafkaNode.start(RafkaConfig.fromMap(Map.of(
                        "listeners", "PLAINTEXT://127.0.0.1:0",
                        "log.dirs", dataDir.toString(),
                        "offsets.topic.replication.factor", "1")));
            } catch (IOException | RuntimeException e) {
                throw new CliException("cannot start the warm-up node: " + e.getMessage(), e);
            }
            try {
                roundTrip(node.bootstrapServers());
            } finally {
                node.close();
            }
        } finally {
            deleteRecursively(dataDir);
        }
        environment.err().println("rafka: warm-up node started, served and stopped in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms");
        return 0;
    }

    private static void roundTrip(String bootstrapServers) throws Exception {
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(common)) {
            admin.describeCluster().nodes().get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all()
                    .get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        Properties producerProps = new Properties();
        producerProps.putAll(common);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(TOPIC, new byte[] {1}))
                    .get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        Properties consumerProps = new Properties();
        consumerProps.putAll(common);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            long deadlineNs = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
            ConsumerRecords<byte[], byte[]> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadlineNs) {
                records = consumer.poll(Duration.ofMillis(100));
            }
            if (records.isEmpty()) {
                throw new CliException("the warm-up record did not come back within " + CLIENT_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
