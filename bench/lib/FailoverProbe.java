import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Failover probe for bench/run.sh, identical for both systems: under a steady acks=all load it
 * kill -9s one node and measures how long writes stall.
 *
 * <pre>
 * FailoverProbe BOOTSTRAP TOPIC VICTIM NODE_PIDS RATE_PER_S TIMEOUT_MS
 *   VICTIM     leader      the leader of a partition, on a node that is not the active controller
 *              controller  the active controller (the Metadata quorum's leader), which also leads a partition
 *   NODE_PIDS  "1=4242,2=4243,3=4244": node id to the pid of its broker process
 * </pre>
 *
 * The topic must exist with every partition led. One stock KafkaProducer (acks=all, default
 * settings: idempotence on, infinite retries, 120 s delivery timeout) sends 1 KiB records round
 * robin over all partitions at RATE_PER_S from one pacing thread. After 5 s of steady load it picks
 * the victim from DescribeTopics / DescribeMetadataQuorum, notes the time and sends SIGKILL, and
 * goes on sending until every partition has acknowledged a record sent after the kill. Prints:
 *
 * <pre>
 * victim_node=N victim_role=leader|controller target_partition=P
 * failover_ms     kill until the first ack, on the victim's partition, of a record sent after the kill
 * others_max_ms   the same, worst partition among those the victim did not lead
 * failed_sends    sends that ended in an error (each one a lost write for a user)
 * </pre>
 *
 * Exit code 1 (reason on stderr) on timeout. Times are System.nanoTime in this one process, so the
 * kill and the acks share a clock.
 */
public final class FailoverProbe {
    private static final int RECORD_SIZE_BYTES = 1024;
    private static final long WARM_UP_MS = 5_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 6 || !(args[2].equals("leader") || args[2].equals("controller"))) {
            System.err.println("usage: FailoverProbe BOOTSTRAP TOPIC leader|controller NODE_PIDS RATE_PER_S TIMEOUT_MS");
            System.exit(2);
        }
        System.exit(new FailoverProbe(args[0], args[1], args[2], parsePids(args[3]),
                Integer.parseInt(args[4]), Long.parseLong(args[5])).run());
    }

    private static Map<Integer, Long> parsePids(String spec) {
        Map<Integer, Long> pids = new HashMap<>();
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=");
            pids.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }
        return pids;
    }

    private final String bootstrap;
    private final String topic;
    private final String victimRole;
    private final Map<Integer, Long> nodePids;
    private final int ratePerSecond;
    private final long timeoutMs;
    /** Set once, just before SIGKILL; 0 until then. */
    private final AtomicLong killNs = new AtomicLong();
    /** Per partition: nanoTime of the first ack of a record sent after the kill (absent until then). */
    private final Map<Integer, Long> firstAckAfterKillNs = new ConcurrentHashMap<>();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    private FailoverProbe(String bootstrap, String topic, String victimRole, Map<Integer, Long> nodePids,
                          int ratePerSecond, long timeoutMs) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.victimRole = victimRole;
        this.nodePids = nodePids;
        this.ratePerSecond = ratePerSecond;
        this.timeoutMs = timeoutMs;
    }

    private int run() throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (Admin admin = newAdmin(); KafkaProducer<byte[], byte[]> producer = newProducer()) {
            List<TopicPartitionInfo> partitions = describe(admin).partitions();
            int partitionCount = partitions.size();
            byte[] value = new byte[RECORD_SIZE_BYTES];
            Arrays.fill(value, (byte) 'x');
            long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long nextSendNs = System.nanoTime();
            long warmUpEndNs = nextSendNs + TimeUnit.MILLISECONDS.toNanos(WARM_UP_MS);
            int victimNode = -1;
            int targetPartition = -1;
            List<Integer> victimLed = new ArrayList<>();
            for (long sent = 0; ; sent++) {
                long nowNs = System.nanoTime();
                if (nowNs > deadlineNs) {
                    return timedOut(partitionCount);
                }
                if (victimNode < 0 && nowNs >= warmUpEndNs) {
                    // Leaders as they are now, after warm-up: the victim is chosen from live metadata.
                    partitions = describe(admin).partitions();
                    int controller = admin.describeMetadataQuorum().quorumInfo().get().leaderId();
                    targetPartition = pickTarget(partitions, controller);
                    victimNode = partitions.get(targetPartition).leader().id();
                    for (TopicPartitionInfo p : partitions) {
                        if (p.leader().id() == victimNode) victimLed.add(p.partition());
                    }
                    kill(victimNode);
                }
                int partition = (int) (sent % partitionCount);
                long sendNs = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, partition, null, value), (metadata, error) -> {
                    if (error != null) {
                        failedSends.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                        return;
                    }
                    long kill = killNs.get();
                    if (kill != 0 && sendNs >= kill) {
                        firstAckAfterKillNs.putIfAbsent(partition, System.nanoTime());
                    }
                });
                if (victimNode >= 0 && firstAckAfterKillNs.size() == partitionCount) {
                    break;
                }
                nextSendNs += intervalNs;
                long waitNs = nextSendNs - System.nanoTime();
                if (waitNs > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                }
            }
            producer.flush();
            report(victimNode, targetPartition, victimLed, partitionCount);
            return 0;
        }
    }

    /** The partition whose leader dies: led by the controller, or led by a node that is not the controller. */
    private int pickTarget(List<TopicPartitionInfo> partitions, int controller) {
        for (TopicPartitionInfo p : partitions) {
            boolean ledByController = p.leader() != null && p.leader().id() == controller;
            if (p.leader() != null && ledByController == victimRole.equals("controller")) {
                return p.partition();
            }
        }
        throw new IllegalStateException("no partition of " + topic + " fits victim role " + victimRole
                + " (controller is node " + controller + ", leaders " + partitions + ")");
    }

    private void kill(int node) {
        Long pid = nodePids.get(node);
        if (pid == null) {
            throw new IllegalStateException("no pid given for node " + node + " in " + nodePids);
        }
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("node " + node + " (pid " + pid + ") is not running"));
        killNs.set(System.nanoTime());
        if (!process.destroyForcibly()) {
            throw new IllegalStateException("SIGKILL of node " + node + " (pid " + pid + ") was refused");
        }
        System.out.println("killed_node=" + node + " pid=" + pid);
        System.out.flush();
    }

    private void report(int victimNode, int targetPartition, List<Integer> victimLed, int partitionCount) {
        long kill = killNs.get();
        long othersMaxNs = 0;
        for (int p = 0; p < partitionCount; p++) {
            if (!victimLed.contains(p)) {
                othersMaxNs = Math.max(othersMaxNs, firstAckAfterKillNs.get(p) - kill);
            }
        }
        System.out.println("victim_node=" + victimNode);
        System.out.println("victim_role=" + victimRole);
        System.out.println("target_partition=" + targetPartition);
        System.out.println("failover_ms=" + TimeUnit.NANOSECONDS.toMillis(firstAckAfterKillNs.get(targetPartition) - kill));
        System.out.println("others_max_ms=" + TimeUnit.NANOSECONDS.toMillis(othersMaxNs));
        System.out.println("failed_sends=" + failedSends.get());
        if (firstFailure.get() != null) {
            System.err.println("FailoverProbe: first failed send: " + firstFailure.get());
        }
    }

    private int timedOut(int partitionCount) {
        System.err.println("FailoverProbe: after " + timeoutMs + " ms, " + firstAckAfterKillNs.size() + " of "
                + partitionCount + " partitions acknowledged a write sent after the kill"
                + (killNs.get() == 0 ? " (no kill yet)" : "") + "; failed sends " + failedSends.get()
                + (firstFailure.get() != null ? ", first: " + firstFailure.get() : ""));
        return 1;
    }

    private TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private Admin newAdmin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Stock producer settings but acks=all: what a user who cares about durability runs. */
    private KafkaProducer<byte[], byte[]> newProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
