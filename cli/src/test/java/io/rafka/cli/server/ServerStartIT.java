package io.rafka.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: {@code ./rafka server start} as its own process from the
 * packaged jar, with a stock producer and consumer against it, then SIGTERM for a controlled
 * shutdown that leaves the clean-shutdown marker.
 */
class ServerStartIT {

    private static final Path LAUNCHER = Path.of("..", "rafka").toAbsolutePath().normalize();
    private static final Pattern NODE_READY_LOG_LINE =
            Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  io\\.rafka\\.broker\\.node\\.RafkaNode - Rafka node \\d+ ready in .*");
    private static final Pattern LISTENER = Pattern.compile("listeners:\\s+PLAINTEXT://[^:]+:(\\d+)");

    @TempDir
    Path workDir;

    private Process server;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverStartServesStockClientsAndStopsCleanlyOnSigterm() throws Exception {
        // Port 0 so a busy 9092 on the machine cannot fail the build; data in ./data of the working dir.
        server = new ProcessBuilder(LAUNCHER.toString(), "server", "start",
                "--override", "listeners=PLAINTEXT://127.0.0.1:0")
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> copyLines(server), "server-output");
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> output.stream().anyMatch(l -> l.startsWith("ready in"))
                || !server.isAlive());
        assertThat(server.isAlive()).as("server output:%n%s", String.join("\n", output)).isTrue();
        // Logging is set up in code (CliLogging): INFO lines from io.rafka, in its pattern, on stderr.
        assertThat(output).as("server output").anyMatch(line -> NODE_READY_LOG_LINE.matcher(line).matches());
        int port = output.stream().map(LISTENER::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
        String bootstrap = "127.0.0.1:" + port;

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(bootstrap))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("quickstart", "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
            TopicPartition partition = new TopicPartition("quickstart", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= 100;
            });
        }
        assertThat(values).hasSize(100).startsWith("value-0").endsWith("value-99");

        server.destroy(); // SIGTERM: the controlled shutdown
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        assertThat(workDir.resolve("data").resolve(".kafka_cleanshutdown")).exists();
        assertThat(Files.exists(workDir.resolve("data").resolve("meta.properties"))).isTrue();
    }

    private void copyLines(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    private static Properties producerProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", StringSerializer.class.getName());
        return properties;
    }

    private static Properties consumerProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        return properties;
    }
}
