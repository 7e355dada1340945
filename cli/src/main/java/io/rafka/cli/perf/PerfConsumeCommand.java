package io.rafka.cli.perf;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClientErrors;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.DurationConverter;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputFormat;
import io.rafka.cli.support.OutputOptions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka perf consume --topic T --records N [--group G]}: reads N records from the start of
 * the topic and reports throughput and latency. Latency here is each record's age on arrival
 * (now minus its CreateTime), so it is end-to-end when the topic is being produced to
 * concurrently, and meaningless for old data. NB: needs producer and consumer clocks in sync.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "consume", description = "Read N records and report throughput and end-to-end latency.")
final class PerfConsumeCommand implements Callable<Integer> {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = "--records", required = true, paramLabel = "N", description = "How many records to read.")
    int records;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Consume as this group (default: no group, all partitions).")
    String group;

    @Option(names = "--report-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration reportInterval;

    PerfConsumeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (records <= 0) {
            throw new CliException("--records must be positive");
        }
        List<TopicPartition> partitions = partitions();
        LatencyRecorder recorder = new LatencyRecorder(records);
        long startNs = environment.time().nanoseconds();
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            if (group == null) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            } else {
                consumer.subscribe(List.of(topic));
            }
            long windowStartNs = startNs;
            long lastRecordNs = startNs;
            while (recorder.count() < records) {
                long nowNs = environment.time().nanoseconds();
                if ((nowNs - lastRecordNs) / 1_000_000 >= cluster.timeoutMs()) {
                    throw new CliException("received " + recorder.count() + " of " + records + " records from " + topic
                            + ", then none for " + cluster.timeoutMs() + " ms (--timeout)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    if (recorder.count() >= records) {
                        break;
                    }
                    long sizeBytes = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
                    long ageMs = Math.max(0, environment.time().milliseconds() - record.timestamp());
                    recorder.record(ageMs * 1000, sizeBytes);
                    bytes += sizeBytes;
                    lastRecordNs = environment.time().nanoseconds();
                }
                windowStartNs = maybeReport(recorder, windowStartNs);
            }
        } catch (KafkaException e) {
            throw ClientErrors.translate(e, "consume " + topic, cluster.bootstrapServers(), cluster.timeoutMs());
        }
        long elapsedMs = (environment.time().nanoseconds() - startNs) / 1_000_000;
        PerfReport.PerfResult result = PerfReport.PerfResult.of(recorder.count(), bytes, elapsedMs, recorder.summarize());
        environment.out().println(output.format() == OutputFormat.JSON ? Json.write(result) : PerfReport.summary("received", result));
        environment.out().flush();
        return 0;
    }

    private List<TopicPartition> partitions() {
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            return session.await(session.admin().describeTopics(List.of(topic)).allTopicNames(), "topic " + topic)
                    .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        }
    }

    private long maybeReport(LatencyRecorder recorder, long windowStartNs) {
        long nowNs = environment.time().nanoseconds();
        if (nowNs - windowStartNs < reportInterval.toNanos()) {
            return windowStartNs;
        }
        environment.err().println(PerfReport.progress("received", recorder.takeWindow(), (nowNs - windowStartNs) / 1_000_000));
        environment.err().flush();
        return nowNs;
    }

    private Properties consumerProperties() {
        Properties properties = cluster.clientProperties();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        } else {
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        return properties;
    }
}
