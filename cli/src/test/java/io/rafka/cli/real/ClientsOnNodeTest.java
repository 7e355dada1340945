package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.broker.node.TestNode;
import io.rafka.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code rafka produce}, {@code consume} and {@code perf produce/consume} against one real node, with
 * small record counts: what goes in on stdin comes out of consume line for line, and the perf tools
 * print Kafka's perf-test summary.
 */
class ClientsOnNodeTest extends OneNodeFixture {
    // Every consume in these tests stops after this much silence, so a missing record fails the test instead of hanging it.
    private static final String IDLE_TIMEOUT = "20s";


    private static void createTopic(String name, int partitions) {
        cli.ok("topics", "create", name, "--partitions", Integer.toString(partitions), "--replication-factor", "1");
    }

    @Test
    void producedLinesComeBackWithKeysAndOffsets() {
        createTopic("lines", 1);

        CliRun.Result produced = cli.okWithStdin("k1:hello\nk2:world\nk3:again, with: colons\n",
                "produce", "--topic", "lines", "--key-separator", ":");
        CliRun.Result consumed = cli.ok("consume", "--topic", "lines", "--from-beginning", "--max-messages", "3",
                "--print-key", "--print-offset", "--idle-timeout", IDLE_TIMEOUT);

        assertThat(produced.out()).isEmpty();
        assertThat(produced.err()).isEqualTo("Produced 3 records to lines.\n");
        assertThat(consumed.out().lines()).containsExactly("0:0\tk1\thello", "0:1\tk2\tworld", "0:2\tk3\tagain, with: colons");
        assertThat(consumed.err()).isEqualTo("Consumed 3 records.\n");
    }

    @Test
    void everyRecordOfEveryPartitionIsConsumedOnce() {
        createTopic("spread", 3);
        List<String> sent = IntStream.range(0, 60).mapToObj(i -> "value-" + i).toList();

        cli.okWithStdin(String.join("\n", sent) + "\n", "produce", "--topic", "spread");
        CliRun.Result consumed = cli.ok("consume", "--topic", "spread", "--from-beginning", "--max-messages", "60",
                "--idle-timeout", IDLE_TIMEOUT);

        assertThat(consumed.out().lines()).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void headersReachTheRecords() {
        createTopic("with-headers", 1);

        cli.okWithStdin("one\ntwo\n", "produce", "--topic", "with-headers", "--header", "source=cli", "--header", "trace=7");

        List<ConsumerRecord<String, String>> records = readAll("with-headers", 2);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("one", "two");
        assertThat(records).extracting(ConsumerRecord::key).containsOnlyNulls();
        for (ConsumerRecord<String, String> record : records) {
            List<String> headers = new ArrayList<>();
            for (Header header : record.headers()) {
                headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers).containsExactly("source=cli", "trace=7");
        }
    }

    @Test
    void consumeWithoutFromBeginningStartsAtTheEnd() {
        createTopic("old-news", 1);
        cli.okWithStdin("old\n", "produce", "--topic", "old-news");

        CliRun.Result consumed = cli.ok("consume", "--topic", "old-news", "--idle-timeout", "1s");

        assertThat(consumed.out()).isEmpty();
        assertThat(consumed.err()).isEqualTo("Consumed 0 records.\n");
    }

    @Test
    void lineWithoutTheKeySeparatorIsNamed() {
        createTopic("keyed", 1);

        String error = RealCli.assertOneLineError(cli.runWithStdin("a:1\nno separator here\n",
                "produce", "--topic", "keyed", "--key-separator", ":"));

        assertThat(error).isEqualTo("rafka produce: error: line 2 has no key separator ':'");
    }

    @Test
    void unknownTopicIsOneLineForProduceConsumeAndPerfConsume() {
        assertThat(RealCli.assertOneLineError(cli.runWithStdin("x\n", "produce", "--topic", "missing")))
                .isEqualTo("rafka produce: error: topic missing: no such topic or partition");
        assertThat(cli.errorLine("consume", "--topic", "missing", "--from-beginning"))
                .isEqualTo("rafka consume: error: topic missing: no such topic or partition");
        assertThat(cli.errorLine("perf", "consume", "--topic", "missing", "--records", "10"))
                .isEqualTo("rafka perf consume: error: topic missing: no such topic or partition");
    }

    @Test
    void perfProduceThenConsumePrintTheSummaryLine() {
        createTopic("perf", 2);

        CliRun.Result produced = cli.ok("perf", "produce", "--topic", "perf", "--records", "300", "--record-size", "100");
        CliRun.Result consumed = cli.ok("perf", "consume", "--topic", "perf", "--records", "300");

        String numbers = "\\d+\\.\\d+ records/sec \\(\\d+\\.\\d\\d MB/sec\\), \\d+\\.\\d\\d ms avg latency, "
                + "\\d+\\.\\d\\d ms max latency, \\d+\\.\\d\\d ms 50th, \\d+\\.\\d\\d ms 99th, \\d+\\.\\d\\d ms 99\\.9th\\.";
        assertThat(produced.out().strip()).matches("300 records sent, " + numbers);
        assertThat(consumed.out().strip()).matches("300 records received, " + numbers);
        assertThat(readAll("perf", 300)).allSatisfy(record -> assertThat(record.value()).hasSize(100));
    }

    @Test
    void perfJsonCarriesCountsBytesAndPercentiles() {
        createTopic("perf-json", 1);

        JsonNode produced = json(cli.ok("perf", "produce", "--topic", "perf-json", "--records", "50", "--record-size", "20",
                "--output", "json").out());
        JsonNode consumed = json(cli.ok("perf", "consume", "--topic", "perf-json", "--records", "50",
                "--output", "json").out());

        assertThat(produced.get("records").asLong()).isEqualTo(50);
        assertThat(produced.get("bytes").asLong()).isEqualTo(50 * 20);
        JsonNode latency = produced.get("latency");
        assertThat(latency.get("count").asLong()).isEqualTo(50);
        assertThat(latency.get("p50Ms").asDouble()).isBetween(0.0, latency.get("p99Ms").asDouble());
        assertThat(latency.get("p99Ms").asDouble()).isLessThanOrEqualTo(latency.get("maxMs").asDouble());
        assertThat(consumed.get("records").asLong()).isEqualTo(50);
        assertThat(consumed.get("bytes").asLong()).as("values only: the records have no keys").isEqualTo(50 * 20);
    }

    @Test
    void perfConsumeFailsWhenRecordsStopComing() {
        createTopic("too-few", 1);
        cli.okWithStdin("a\nb\nc\n", "produce", "--topic", "too-few");

        String error = cli.errorLine("perf", "consume", "--topic", "too-few", "--records", "10", "--timeout", "4s");

        assertThat(error).isEqualTo(
                "rafka perf consume: error: received 3 of 10 records from too-few, then none for 4000 ms (--timeout)");
    }

    @Test
    void perfProduceRefusesAnEmptyRun() {
        assertThat(cli.errorLine("perf", "produce", "--topic", "perf-none", "--records", "0", "--record-size", "10"))
                .isEqualTo("rafka perf produce: error: --records must be positive and --record-size non-negative");
    }

    /** Reads {@code count} records of a topic with a plain KafkaConsumer, to check what the CLI wrote. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int count) {
        Properties properties = TestNode.clientProperties(node);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await("read " + count + " records of " + topic).atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                        return records.size() >= count;
                    });
        }
        assertThat(records).hasSize(count);
        return records;
    }
}
