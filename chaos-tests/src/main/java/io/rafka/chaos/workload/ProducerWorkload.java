package io.rafka.chaos.workload;

import io.rafka.chaos.history.History;
import io.rafka.chaos.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producers with {@code acks=all} and idempotence on, each sending unique values ("producer-2-317") with keys
 * spread over the partitions, at a bounded rate, recording invoke then ok / info for every send.
 *
 * <p>A send that the client reports failed is recorded as {@code info} (outcome unknown): after retries and
 * time-outs the record may still be in the log. Only a send the client refused before sending anything
 * (e.g. no metadata within max.block.ms) is a {@code fail}.
 *
 * <p>Thread-safety: one thread per producer; start and stop from the test thread.
 */
public final class ProducerWorkload implements AutoCloseable {

    /** Sends a producer may have unacknowledged at once: the in-flight queue is bounded. */
    private static final int IN_FLIGHT_MAX = 32;
    private static final int KEYS = 64;

    private final History history;
    /** Prefix of the process names and so of the values: unique per workload in a run. */
    private final String name;
    private final String bootstrap;
    private final List<String> topics;
    private final int producers;
    private final int sendsPerSecondEach;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaProducer<String, String>> clients = new ArrayList<>();

    public ProducerWorkload(History history, String name, String bootstrap, List<String> topics, int producers,
                            int sendsPerSecondEach, long seed) {
        this.history = history;
        this.name = name;
        this.bootstrap = bootstrap;
        this.topics = List.copyOf(topics);
        this.producers = producers;
        this.sendsPerSecondEach = sendsPerSecondEach;
        this.seed = seed;
    }

    public static Properties producerProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        properties.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        properties.put("metadata.max.age.ms", "5000");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return properties;
    }

    public void start() {
        running.set(true);
        for (int p = 1; p <= producers; p++) {
            String process = name + "-" + p;
            KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(bootstrap));
            clients.add(producer);
            Random random = new Random(seed * 31 + p);
            Thread thread = new Thread(() -> run(process, producer, random), process);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(String process, KafkaProducer<String, String> producer, Random random) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / sendsPerSecondEach;
        long next = System.nanoTime();
        for (long n = 0; running.get(); n++) {
            String topic = topics.get((int) (n % topics.size()));
            String value = process + "-" + n;
            String key = "k" + random.nextInt(KEYS);
            try {
                if (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                    n--;
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            history.append(t -> Op.invokeSend(t, process, topic, value));
            try {
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error == null) {
                        history.append(t -> Op.okSend(t, process, topic, metadata.partition(), metadata.offset(), value));
                    } else {
                        history.append(t -> Op.infoSend(t, process, topic, value, error.getClass().getSimpleName()));
                    }
                    inFlight.release();
                });
            } catch (RuntimeException e) {
                // Refused before anything was sent (metadata wait, buffer full, closed): definitely not written.
                history.append(t -> Op.failSend(t, process, topic, value, e.getClass().getSimpleName()));
                inFlight.release();
            }
            next += intervalNs;
            long sleepNs = next - System.nanoTime();
            if (sleepNs > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleepNs);
                } catch (InterruptedException e) {
                    return;
                }
            } else if (sleepNs < -TimeUnit.SECONDS.toNanos(1)) {
                next = System.nanoTime(); // fell behind during a fault: do not burst to catch up
            }
        }
    }

    /** Stops sending and waits for every outstanding send to complete (ok or info). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        for (KafkaProducer<String, String> producer : clients) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
