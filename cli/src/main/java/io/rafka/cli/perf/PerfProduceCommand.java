package io.rafka.cli.perf;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClientErrors;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.DurationConverter;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputFormat;
import io.rafka.cli.support.OutputOptions;
import java.time.Duration;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka perf produce --topic T --records N --record-size B [--acks all] [--throughput LIMIT]}:
 * {@code kafka-producer-perf-test}'s measurement. Latency is send() to acknowledgement, per record.
 *
 * <p>Thread-safety: one instance per execution; callbacks touch only the recorder and atomics.
 */
@Command(name = "produce", description = "Send N records of B bytes and report throughput and latency.")
final class PerfProduceCommand implements Callable<Integer> {
    // Fixed so that runs send identical payloads; random letters so compression cannot flatter the numbers.
    private static final long PAYLOAD_SEED = 42;
    private static final long ACKNOWLEDGEMENT_POLL_MS = 50;

    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String topic;

    @Option(names = "--records", required = true, paramLabel = "N", description = "How many records to send.")
    int records;

    @Option(names = "--record-size", required = true, paramLabel = "BYTES", description = "Value size of each record.")
    int recordSizeBytes;

    @Option(names = "--acks", paramLabel = "all|1|0", defaultValue = "all", description = "Acknowledgement level (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = "--throughput", paramLabel = "RECORDS_PER_S", defaultValue = "-1",
            description = "Limit the send rate; -1 for none (default: ${DEFAULT-VALUE}).")
    double throughputLimit;

    @Option(names = "--report-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration reportInterval;

    PerfProduceCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (records <= 0 || recordSizeBytes < 0) {
            throw new CliException("--records must be positive and --record-size non-negative");
        }
        byte[] payload = payload(recordSizeBytes);
        LatencyRecorder recorder = new LatencyRecorder(records);
        ThroughputThrottle throttle = new ThroughputThrottle(throughputLimit);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long startNs = environment.time().nanoseconds();
        long windowStartNs = startNs;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (int sent = 0; sent < records; sent++) {
                long sendNs = environment.time().nanoseconds();
                producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> {
                    if (error == null) {
                        recorder.record((environment.time().nanoseconds() - sendNs) / 1000, payload.length);
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
                windowStartNs = maybeReport(recorder, windowStartNs);
                long waitMs = throttle.waitMs(sent + 1, environment.time().nanoseconds() - startNs);
                if (waitMs > 0) {
                    environment.time().sleep(waitMs);
                }
            }
            // Sends return at once while the buffer has room, so most acknowledgements arrive after
            // the loop: keep reporting until every record has its answer (bounded by delivery.timeout.ms).
            while (recorder.count() + failed.get() < records) {
                environment.time().sleep(ACKNOWLEDGEMENT_POLL_MS);
                windowStartNs = maybeReport(recorder, windowStartNs);
            }
            producer.flush();
        } catch (KafkaException e) {
            throw ClientErrors.translate(e, "produce to " + topic, cluster.bootstrapServers(), cluster.timeoutMs());
        }
        long elapsedMs = (environment.time().nanoseconds() - startNs) / 1_000_000;
        PerfReport.PerfResult result = PerfReport.PerfResult.of(recorder.count(),
                (long) recorder.count() * payload.length, elapsedMs, recorder.summarize());
        printResult(result);
        if (failed.get() > 0) {
            throw new CliException(failed.get() + " of " + records + " sends failed; first error: "
                    + ClientErrors.describe(firstError.get()));
        }
        return 0;
    }

    private long maybeReport(LatencyRecorder recorder, long windowStartNs) {
        long nowNs = environment.time().nanoseconds();
        if (nowNs - windowStartNs < reportInterval.toNanos()) {
            return windowStartNs;
        }
        environment.err().println(PerfReport.progress("sent", recorder.takeWindow(), (nowNs - windowStartNs) / 1_000_000));
        environment.err().flush();
        return nowNs;
    }

    private void printResult(PerfReport.PerfResult result) {
        environment.out().println(output.format() == OutputFormat.JSON ? Json.write(result) : PerfReport.summary("sent", result));
        environment.out().flush();
    }

    private static byte[] payload(int sizeBytes) {
        SplittableRandom random = new SplittableRandom(PAYLOAD_SEED);
        byte[] payload = new byte[sizeBytes];
        for (int i = 0; i < sizeBytes; i++) {
            payload[i] = (byte) ('A' + random.nextInt(26));
        }
        return payload;
    }

    private Properties producerProperties() {
        Properties properties = cluster.clientProperties();
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, acks);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(cluster.timeoutMs()));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(120_000, cluster.timeoutMs() + 1_000)));
        return properties;
    }
}
