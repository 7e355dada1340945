package io.rafka.chaos.workload;

import io.rafka.chaos.history.History;
import io.rafka.chaos.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Assign-mode readers: every partition of the given topics from the beginning, each record returned becomes
 * an {@code ok poll} in the history. A continuous reader runs during the faults; the final read
 * ({@link #readAll}) reads everything after the cluster healed.
 *
 * <p>Thread-safety: a continuous reader owns its consumer on its own thread; {@link #close} may be called
 * from another thread.
 */
public final class Reader implements AutoCloseable {

    private final History history;
    private final String process;
    private final KafkaConsumer<String, String> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private Reader(History history, String process, KafkaConsumer<String, String> consumer) {
        this.history = history;
        this.process = process;
        this.consumer = consumer;
        this.thread = new Thread(this::run, process);
        this.thread.setDaemon(true);
    }

    public static Properties consumerProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200");
        properties.put("metadata.max.age.ms", "5000");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    /** Starts a reader that polls {@code partitions} from the beginning until closed. */
    public static Reader startContinuous(History history, String process, String bootstrap,
                                         List<TopicPartition> partitions) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrap));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Reader reader = new Reader(history, process, consumer);
        reader.thread.start();
        return reader;
    }

    private void run() {
        try {
            while (running.get()) {
                try {
                    record(history, process, consumer.poll(Duration.ofMillis(500)));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // Faults make polls fail; the consumer keeps its positions and retries.
                    history.append(t -> new Op(t, Op.Type.info, process, Op.POLL, null, -1, -1, null,
                        e.getClass().getSimpleName()));
                    sleepQuietly(500);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static void record(History history, String process, Iterable<ConsumerRecord<String, String>> records) {
        for (ConsumerRecord<String, String> r : records) {
            history.append(t -> Op.poll(t, process, r.topic(), r.partition(), r.offset(), r.value()));
        }
    }

    /**
     * Reads every partition from the beginning up to its end offset as of the start of the read. Returns the
     * partitions it could not read to the end within {@code timeout} (empty when complete).
     */
    public static List<TopicPartition> readAll(History history, String process, String bootstrap,
                                               List<TopicPartition> partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (ends == null) {
                try {
                    ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(5)));
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        return partitions;
                    }
                    sleepQuietly(500);
                }
            }
            while (System.nanoTime() < deadline) {
                List<TopicPartition> behind = new ArrayList<>();
                for (TopicPartition partition : partitions) {
                    if (consumer.position(partition, Duration.ofSeconds(5)) < ends.get(partition)) {
                        behind.add(partition);
                    }
                }
                if (behind.isEmpty()) {
                    return List.of();
                }
                try {
                    record(history, process, consumer.poll(Duration.ofMillis(500)));
                } catch (RuntimeException e) {
                    sleepQuietly(500);
                }
            }
            List<TopicPartition> behind = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                if (consumer.position(partition, Duration.ofSeconds(5)) < ends.get(partition)) {
                    behind.add(partition);
                }
            }
            return behind;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5_000);
    }
}
