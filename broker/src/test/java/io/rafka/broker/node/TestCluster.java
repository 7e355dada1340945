package io.rafka.broker.node;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.image.PartitionRegistration;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * Several real nodes in this JVM forming one cluster on loopback: a shared voter list (one Ratis
 * port each), one PLAINTEXT listener each on an ephemeral port, data under a temp dir per node.
 * Nodes start in parallel (each waits for a quorum, which needs a majority of them) and can be
 * stopped abruptly ({@link #halt}) or cleanly ({@link #stop}) and restarted on the same data.
 *
 * <p>Not thread-safe: the test thread drives it.
 */
public final class TestCluster implements AutoCloseable {

    private final Path baseDir;
    private final Map<String, String> overrides;
    private final String voters;
    private final int size;
    private final Map<Integer, RafkaNode> running = new HashMap<>();

    private TestCluster(Path baseDir, int size, Map<String, String> overrides) throws IOException {
        this.baseDir = baseDir;
        this.size = size;
        this.overrides = overrides;
        List<String> entries = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            entries.add(id + "@127.0.0.1:" + freePort());
        }
        this.voters = String.join(",", entries);
    }

    /** Starts {@code size} nodes (ids 1..size) and returns once all are registered and unfenced. */
    public static TestCluster start(Path baseDir, int size, Map<String, String> overrides) throws Exception {
        TestCluster cluster = new TestCluster(baseDir, size, overrides);
        try {
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (int id = 1; id <= size; id++) {
                int nodeId = id;
                starting.add(CompletableFuture.runAsync(() -> cluster.startNodeUnchecked(nodeId)));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public RafkaConfig config(int nodeId) {
        Map<String, String> properties = new HashMap<>();
        properties.put("node.id", String.valueOf(nodeId));
        properties.put("controller.quorum.voters", voters);
        properties.put("cluster.id", "rafka-test-cluster");
        properties.put("listeners", "PLAINTEXT://127.0.0.1:0");
        properties.put("log.dirs", baseDir.resolve("node-" + nodeId).toString());
        properties.put("broker.heartbeat.interval.ms", "250");
        properties.put("broker.session.timeout.ms", "3000");
        properties.put("replica.fetch.backoff.ms", "100");
        properties.put("offsets.topic.replication.factor", String.valueOf(Math.min(3, size)));
        properties.putAll(overrides);
        return RafkaConfig.fromMap(properties);
    }

    private void startNodeUnchecked(int nodeId) {
        try {
            RafkaNode node = RafkaNode.start(config(nodeId));
            synchronized (running) {
                running.put(nodeId, node);
            }
        } catch (IOException e) {
            throw new IllegalStateException("node " + nodeId + " did not start", e);
        }
    }

    /** Starts a stopped node again on its data (blocks until it is unfenced). */
    public RafkaNode restart(int nodeId) {
        startNodeUnchecked(nodeId);
        return node(nodeId);
    }

    /** Crashes a node: no controlled shutdown (see {@link RafkaNode#halt}). */
    public void halt(int nodeId) {
        RafkaNode node;
        synchronized (running) {
            node = running.remove(nodeId);
        }
        if (node != null) {
            node.halt();
        }
    }

    /** Stops a node the SIGTERM way: controlled shutdown first. */
    public void stop(int nodeId) {
        RafkaNode node;
        synchronized (running) {
            node = running.remove(nodeId);
        }
        if (node != null) {
            node.close();
        }
    }

    public RafkaNode node(int nodeId) {
        synchronized (running) {
            RafkaNode node = running.get(nodeId);
            if (node == null) {
                throw new IllegalStateException("node " + nodeId + " is not running");
            }
            return node;
        }
    }

    public List<RafkaNode> runningNodes() {
        synchronized (running) {
            return List.copyOf(running.values());
        }
    }

    public RafkaNode anyNode() {
        return runningNodes().get(0);
    }

    public String bootstrapServers() {
        return runningNodes().stream().map(RafkaNode::bootstrapServers).collect(Collectors.joining(","));
    }

    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return properties;
    }

    /** Creates a topic with an explicit assignment (partition -> replicas, first = preferred leader). */
    public void createTopic(String name, Map<Integer, List<Integer>> assignment, Map<String, String> configs)
            throws Exception {
        CreateTopics.Response response = anyNode().quorum().controllerClient().createTopics(new CreateTopics.Request(
            List.of(new CreateTopics.Topic(name, -1, -1, assignment, configs)), false)).get(30, TimeUnit.SECONDS);
        if (!response.results().get(0).error().isSuccess()) {
            throw new IllegalStateException("cannot create " + name + ": " + response.results().get(0).error());
        }
        for (int partition : assignment.keySet()) {
            awaitFullIsr(name, partition);
        }
    }

    /** The partition as the metadata image of a running node has it. */
    public Optional<PartitionRegistration> registration(String topic, int partition) {
        return anyNode().quorum().currentImage().partition(new io.rafka.metadata.api.TopicPartition(topic, partition));
    }

    /** Waits until the partition's leader is a running node that leads it, and its ISR holds every replica. */
    public void awaitFullIsr(String topic, int partition) {
        Awaitility.await("full ISR of " + topic + "-" + partition).atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50)).until(() -> {
                Optional<PartitionRegistration> registration = registration(topic, partition);
                return registration.isPresent() && registration.get().isr().size() == registration.get().replicas().size()
                    && leads(registration.get().leader(), topic, partition);
            });
    }

    /** Waits until some running node other than {@code formerLeader} leads the partition; returns it. */
    public int awaitLeaderOtherThan(String topic, int partition, int formerLeader) {
        Awaitility.await("new leader of " + topic + "-" + partition).atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50)).until(() -> registration(topic, partition)
                .map(r -> r.leader() != formerLeader && leads(r.leader(), topic, partition)).orElse(false));
        return registration(topic, partition).orElseThrow().leader();
    }

    public boolean leads(int nodeId, String topic, int partition) {
        synchronized (running) {
            RafkaNode node = running.get(nodeId);
            return node != null && node.replicaManager().partition(new TopicPartition(topic, partition))
                .map(p -> p.isLeader()).orElse(false);
        }
    }

    public int size() {
        return size;
    }

    @Override
    public void close() {
        List<RafkaNode> nodes;
        synchronized (running) {
            nodes = new ArrayList<>(running.values());
            running.clear();
        }
        // Stop in parallel: each controlled shutdown waits on a quorum the others are part of.
        nodes.parallelStream().forEach(RafkaNode::halt);
    }
}
