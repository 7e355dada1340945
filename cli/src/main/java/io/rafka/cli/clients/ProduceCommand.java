package io.rafka.cli.clients;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClientErrors;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.KeyValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka produce --topic T [--key-separator SEP] [--header k=v]...}: one record per stdin
 * line, every record carrying the given headers. Ends at end of input after every record is
 * acknowledged; exits 1 if any was not.
 *
 * <p>Thread-safety: one instance per execution; send callbacks run on the producer's I/O thread
 * and touch only the atomic counters.
 */
@Command(name = "produce", description = "Send one record per line of stdin.")
public final class ProduceCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String topic;

    @Option(names = {"-k", "--key-separator"}, paramLabel = "SEP",
            description = "Split each line at the first SEP into key and value (default: no key).")
    String keySeparator;

    @Option(names = {"-H", "--header"}, paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
            description = "Header added to every record, repeatable.")
    List<KeyValue> headers = List.of();

    @Option(names = "--acks", paramLabel = "all|1|0", defaultValue = "all", description = "Acknowledgement level (default: ${DEFAULT-VALUE}).")
    String acks;

    ProduceCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        ProduceLineParser parser = new ProduceLineParser(keySeparator);
        Topics.describe(environment, cluster, topic);
        List<Header> recordHeaders = new ArrayList<>();
        headers.forEach(h -> recordHeaders.add(new RecordHeader(h.key(), h.value().getBytes(StandardCharsets.UTF_8))));
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties());
                BufferedReader lines = new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                ProduceLineParser.KeyAndValue record = parser.parse(line, sent + 1);
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), recordHeaders), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
                sent++;
            }
            producer.flush();
        } catch (KafkaException e) {
            throw ClientErrors.translate(e, "produce to " + topic, cluster.bootstrapServers(), cluster.timeoutMs());
        }
        if (failed.get() > 0) {
            throw new CliException(failed.get() + " of " + sent + " records were not acknowledged; first error: "
                    + ClientErrors.translate(firstError.get(), "produce to " + topic, cluster.bootstrapServers(),
                            cluster.timeoutMs()).getMessage());
        }
        environment.err().println("Produced " + acknowledged.get() + " records to " + topic + ".");
        environment.err().flush();
        return 0;
    }

    private Properties producerProperties() {
        Properties properties = cluster.clientProperties();
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, acks);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(cluster.timeoutMs()));
        // Must be at least request timeout + linger, and a record may wait for a leader election.
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(120_000, cluster.timeoutMs() + 1_000)));
        return properties;
    }
}
