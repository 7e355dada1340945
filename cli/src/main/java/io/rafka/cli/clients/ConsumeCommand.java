package io.rafka.cli.clients;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClientErrors;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.DurationConverter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka consume --topic T [--group G] [--from-beginning] [--max-messages N] [--print-key] [--print-offset]}.
 * With a group it subscribes and commits what it printed; without one it reads every partition directly and
 * commits nothing. Runs until {@code --max-messages}, {@code --idle-timeout} or Ctrl-C.
 *
 * <p>Thread-safety: one instance per execution; the shutdown hook only calls {@link KafkaConsumer#wakeup()}
 * (the one thread-safe consumer method) and waits on a latch.
 */
@Command(name = "consume", description = "Print records of a topic, one per line.")
public final class ConsumeCommand implements Callable<Integer> {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    // Bounded so that a hung close cannot keep Ctrl-C from ending the process.
    private static final long CLOSE_WAIT_MS = 5_000;

    private final CliEnvironment environment;
    // Records printed so far; a field so that Ctrl-C, which ends the poll loop by exception, still reports it.
    private long consumed;

    @Mixin ClusterOptions cluster;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Consume as this group (commits offsets).")
    String group;

    @Option(names = "--from-beginning", description = "Start at the oldest record (a group with committed offsets resumes from them).")
    boolean fromBeginning;

    @Option(names = {"-n", "--max-messages"}, paramLabel = "N", description = "Stop after N records.")
    Long maxMessages;

    @Option(names = "--print-key", description = "Print the key before the value.")
    boolean printKey;

    @Option(names = "--print-offset", description = "Print partition:offset before each record.")
    boolean printOffset;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when no record arrives for this long (default: never).")
    Duration idleTimeout;

    ConsumeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<TopicPartition> partitions = Topics.describe(environment, cluster, topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        RecordFormatter formatter = new RecordFormatter(printOffset, printKey);
        try {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
            CountDownLatch closed = new CountDownLatch(1);
            // On Ctrl-C / SIGTERM: interrupt the poll, then hold the JVM until the consumer has left its
            // group, so that a restarted consumer need not wait out the session timeout.
            Thread closeOnExit = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(closed);
            }, "rafka-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            try {
                start(consumer, partitions);
                pollUntilDone(consumer, formatter);
            } catch (WakeupException interruptedByUser) {
                // Ctrl-C: leave quietly; what was printed is already committed.
            } finally {
                consumer.close();
                closed.countDown();
                removeHook(closeOnExit);
            }
        } catch (KafkaException e) {
            throw ClientErrors.translate(e, "consume " + topic, cluster.bootstrapServers(), cluster.timeoutMs());
        }
        environment.err().println("Consumed " + consumed + " records.");
        environment.err().flush();
        return 0;
    }

    private void start(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    private void pollUntilDone(KafkaConsumer<byte[], byte[]> consumer, RecordFormatter formatter) {
        long lastRecordMs = environment.time().monotonicMs();
        while (maxMessages == null || consumed < maxMessages) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
            long nowMs = environment.time().monotonicMs();
            if (records.isEmpty()) {
                if (idleTimeout != null && nowMs - lastRecordMs >= idleTimeout.toMillis()) {
                    break;
                }
                continue;
            }
            lastRecordMs = nowMs;
            Map<TopicPartition, OffsetAndMetadata> printed = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (maxMessages != null && consumed >= maxMessages) {
                    break;
                }
                environment.out().println(formatter.format(record));
                printed.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                consumed++;
            }
            environment.out().flush();
            if (group != null) {
                // Commit exactly what was printed: auto-commit would also commit records that
                // --max-messages cut off, and the group's next reader would never see them.
                consumer.commitSync(printed);
            }
        }
    }

    private Properties consumerProperties() {
        Properties properties = cluster.clientProperties();
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return properties;
    }

    private static void awaitQuietly(CountDownLatch closed) {
        try {
            closed.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing to remove
        }
    }
}
