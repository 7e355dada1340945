import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The benchmark's only hand-written client, kept tiny and identical for both systems. It talks to
 * the broker through the stock kafka-clients Admin (so through ApiVersions + Metadata like any
 * client) and prints one machine-readable line.
 *
 * <pre>
 * wait-ready   BOOTSTRAP TIMEOUT_MS [BROKERS] prints "armed" once its client exists, then
 *                                             "ready_epoch_ms=T" when a Metadata answer lists BROKERS
 *                                             brokers (default 1)
 * create-topic BOOTSTRAP TOPIC PARTITIONS RF TIMEOUT_MS [--produce-each]
 *                                             prints "create_ms=N": CreateTopics sent until every
 *                                             partition has a leader in a Metadata answer; with
 *                                             --produce-each also "writable_ms=N": until one record
 *                                             sent to each partition (acks=all) is acknowledged
 * </pre>
 *
 * Exit code 1 (with a message on stderr) on timeout or error. Single-threaded.
 */
public final class BenchAdmin {
    private static final long POLL_INTERVAL_MS = 50;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "wait-ready" -> {
                if (args.length != 3 && args.length != 4) usage();
                System.exit(waitReady(args[1], Long.parseLong(args[2]), args.length == 4 ? Integer.parseInt(args[3]) : 1));
            }
            case "create-topic" -> {
                if (args.length != 6 && !(args.length == 7 && args[6].equals("--produce-each"))) usage();
                System.exit(createTopic(args[1], args[2], Integer.parseInt(args[3]),
                        Short.parseShort(args[4]), Long.parseLong(args[5]), args.length == 7));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: BenchAdmin wait-ready BOOTSTRAP TIMEOUT_MS [BROKERS]"
                + " | create-topic BOOTSTRAP TOPIC PARTITIONS RF TIMEOUT_MS [--produce-each]");
        System.exit(2);
    }

    /** Back-offs at the poll interval, so a broker that comes up is seen within ~50 ms. */
    private static Admin newAdmin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return Admin.create(props);
    }

    private static int waitReady(String bootstrap, long timeoutMs, int brokers) throws InterruptedException {
        try (Admin admin = newAdmin(bootstrap)) {
            System.out.println("armed");
            System.out.flush();
            long deadlineMs = System.currentTimeMillis() + timeoutMs;
            String lastError = "none";
            while (System.currentTimeMillis() < deadlineMs) {
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000))
                            .nodes().get(2, TimeUnit.SECONDS);
                    if (nodes.size() >= brokers) {
                        System.out.println("ready_epoch_ms=" + System.currentTimeMillis());
                        return 0;
                    }
                    lastError = "Metadata answer listed " + nodes.size() + " of " + brokers + " broker(s)";
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    lastError = String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
            System.err.println("BenchAdmin: not " + brokers + " broker(s) listed after " + timeoutMs + " ms; last error: " + lastError);
            return 1;
        }
    }

    private static int createTopic(String bootstrap, String topic, int partitions, short replicationFactor,
                                   long timeoutMs, boolean produceEach) throws Exception {
        try (Admin admin = newAdmin(bootstrap);
             KafkaProducer<byte[], byte[]> producer = produceEach ? newProducer(bootstrap) : null) {
            // Warm the client (bootstrap connection, ApiVersions) so the timing covers the broker's work.
            admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            long startNs = System.nanoTime();
            long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)))
                    .all().get(timeoutMs, TimeUnit.MILLISECONDS);
            String state = "not described yet";
            while (System.nanoTime() < deadlineNs) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(List.of(topic),
                            new DescribeTopicsOptions().timeoutMs(5000)).allTopicNames().get();
                    List<TopicPartitionInfo> infos = described.get(topic).partitions();
                    long led = infos.stream().filter(p -> p.leader() != null && !p.leader().isEmpty()).count();
                    if (infos.size() == partitions && led == partitions) {
                        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                        System.out.println("create_ms=" + elapsedMs);
                        if (produceEach) {
                            produceToEachPartition(producer, topic, partitions, deadlineNs);
                            long writableMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                            System.out.println("writable_ms=" + writableMs);
                        }
                        return 0;
                    }
                    state = infos.size() + " partitions described, " + led + " with a leader";
                } catch (ExecutionException e) {
                    state = String.valueOf(e.getCause());
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
            System.err.println("BenchAdmin: topic " + topic + " not fully led after " + timeoutMs + " ms: " + state);
            return 1;
        }
    }

    /** Created before the timing starts, so its class loading and set-up are not counted. */
    private static KafkaProducer<byte[], byte[]> newProducer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, String.valueOf(POLL_INTERVAL_MS));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * One small record to each partition, all in flight together; the producer's own retries absorb
     * NOT_LEADER_OR_FOLLOWER from partitions whose log is not open yet.
     */
    private static void produceToEachPartition(KafkaProducer<byte[], byte[]> producer, String topic, int partitions,
                                               long deadlineNs) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(partitions);
        byte[] value = "ready".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int partition = 0; partition < partitions; partition++) {
            acks.add(producer.send(new ProducerRecord<>(topic, partition, null, value)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        producer.flush();
    }

    private BenchAdmin() {
    }
}
