package io.rafka.chaos.cluster;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * A cluster of Rafka nodes (each broker + controller) in containers on one Docker network, running the
 * project's own shaded CLI jar on the local base image.
 *
 * <p>Start-up is two-phase because the quorum needs every node's address before any node starts: the
 * containers start and wait for a {@code voters} file in the bind-mounted run directory; once the engine has
 * given them IPs, the file is written and the nodes boot. A restarted container keeps its IP, so the voters
 * stay valid. Node output goes to {@code <run>/logs/node-N.log} across restarts.
 *
 * <p>Thread-safety: the admin helpers may be called from any thread; faults are driven by one nemesis.
 */
public final class ChaosCluster implements AutoCloseable {

    /** Every container, network and image this module creates carries it; .ci/run removes leftovers by it. */
    public static final String LABEL = "io.rafka.chaos";
    public static final int KAFKA_PORT = 9092;
    public static final int RATIS_PORT = 9093;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Network network;
    private final List<Node> nodes;
    private final Admin admin;

    private ChaosCluster(Network network, List<Node> nodes) {
        this.network = network;
        this.nodes = nodes;
        this.admin = Admin.create(adminProperties(bootstrapServers(nodes)));
    }

    /** Whether a Docker engine answers; the reason it does not otherwise. */
    public static Optional<String> dockerUnavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable()
                ? Optional.empty() : Optional.of("no Docker engine found by Testcontainers");
        } catch (RuntimeException e) {
            return Optional.of("no Docker engine: " + e.getMessage());
        }
    }

    /**
     * Starts {@code size} nodes and waits until each serves.
     *
     * @param distJar   the shaded rafka-cli jar
     * @param runDir    the run's output directory (node logs go to runDir/logs)
     * @param overrides server config keys for every node, on top of this harness's defaults
     */
    public static ChaosCluster start(Path distJar, Path runDir, int size, Map<String, String> overrides)
        throws IOException, InterruptedException {
        Node.check(Files.isRegularFile(distJar), "distribution jar %s is missing: build cli first "
            + "(mvn -pl cli -am package) or pass -Dchaos.distJar=...", distJar);
        BaseImage.ensure();
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        Network network = Network.builder()
            .createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(LABEL, "true")))
            .build();
        Map<String, String> config = new LinkedHashMap<>(defaults(size));
        config.putAll(overrides);
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(id, container(id, distJar, logs, network, config), logs.resolve("node-" + id + ".log")));
        }
        try {
            Startables.deepStart(nodes.stream().map(Node::container)).get(60, TimeUnit.SECONDS);
            for (Node node : nodes) {
                node.ip(ipOf(node.container()));
            }
            String voters = nodes.stream().map(n -> n.id() + "@" + n.ip() + ":" + RATIS_PORT)
                .collect(Collectors.joining(","));
            Files.writeString(logs.resolve("voters.tmp"), voters);
            Files.move(logs.resolve("voters.tmp"), logs.resolve("voters"));
            for (Node node : nodes) {
                node.awaitReady(1, START_TIMEOUT);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            nodes.forEach(n -> n.container().stop());
            network.close();
            throw new IllegalStateException("cluster did not start; logs in " + logs, e);
        }
        return new ChaosCluster(network, nodes);
    }

    private static Map<String, String> defaults(int size) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("cluster.id", "rafka-chaos");
        config.put("listeners", "PLAINTEXT://0.0.0.0:" + KAFKA_PORT);
        config.put("log.dirs", "/data");
        config.put("default.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("offsets.topic.replication.factor", String.valueOf(Math.min(3, size)));
        config.put("min.insync.replicas", String.valueOf(Math.min(2, size)));
        config.put("unclean.leader.election.enable", "false");
        config.put("auto.create.topics.enable", "false");
        // Faster failure detection than the defaults, so that a short run sees many failovers.
        config.put("broker.session.timeout.ms", "6000");
        config.put("broker.heartbeat.interval.ms", "1000");
        config.put("replica.lag.time.max.ms", "5000");
        config.put("replica.socket.timeout.ms", "5000");
        config.put("replica.fetch.backoff.ms", "300");
        return config;
    }

    private static GenericContainer<?> container(int id, Path distJar, Path logs, Network network,
                                                 Map<String, String> config) {
        StringBuilder overrides = new StringBuilder();
        config.forEach((key, value) -> overrides.append(" --override ").append(key).append('=').append(value));
        String log = "/logs/node-" + id + ".log";
        // The node's output goes to its log file on the host across restarts; java becomes PID 1 so that
        // docker's SIGTERM / SIGKILL reach it directly.
        String script = String.join("; ",
            "exec > >(tee -a " + log + ") 2>&1",
            "echo \"container start $(date -u +%FT%T.%3N)\"",
            "echo waiting for voters",
            "while [ ! -s /logs/voters ]; do sleep 0.1; done",
            "IP=$(hostname -i | awk '{print $1}')",
            "exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp /opt/rafka.jar io.rafka.cli.Rafka"
                + " server start --override node.id=" + id
                + " --override controller.quorum.voters=$(cat /logs/voters)"
                + " --override advertised.listeners=PLAINTEXT://$IP:" + KAFKA_PORT
                + overrides);
        GenericContainer<?> container = new GenericContainer<>(BaseImage.NAME);
        container.withNetwork(network)
            .withNetworkAliases("n" + id)
            .withLabel(LABEL, "true")
            .withFileSystemBind("/usr", "/usr", BindMode.READ_ONLY)
            .withFileSystemBind("/etc/alternatives", "/etc/alternatives", BindMode.READ_ONLY)
            .withFileSystemBind("/etc/java-17-openjdk", "/etc/java-17-openjdk", BindMode.READ_ONLY)
            .withFileSystemBind(distJar.toAbsolutePath().toString(), "/opt/rafka.jar", BindMode.READ_ONLY)
            .withFileSystemBind(logs.toAbsolutePath().toString(), "/logs", BindMode.READ_WRITE)
            .withCreateContainerCmdModifier(cmd -> {
                cmd.withHostName("n" + id);
                cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
            })
            .withCommand("/bin/bash", "-c", script)
            .waitingFor(Wait.forLogMessage(".*waiting for voters.*\\n", 1));
        return container;
    }

    private static String ipOf(GenericContainer<?> container) {
        Map<String, ContainerNetwork> networks = container.getContainerInfo().getNetworkSettings().getNetworks();
        Node.check(networks.size() == 1, "container on %s networks", networks.size());
        return networks.values().iterator().next().getIpAddress();
    }

    private static String bootstrapServers(List<Node> nodes) {
        return nodes.stream().map(Node::bootstrap).collect(Collectors.joining(","));
    }

    public String bootstrapServers() {
        return bootstrapServers(nodes);
    }

    private static Properties adminProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        properties.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        return properties;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int id) {
        return nodes.get(id - 1);
    }

    public Admin admin() {
        return admin;
    }

    /** The Ratis leader, i.e. the active controller, as a broker reports it; empty if unknown now. */
    public Optional<Integer> activeController() {
        try {
            int leader = admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId();
            return leader >= 0 ? Optional.of(leader) : Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Partition -> description, for one topic; empty if the cluster cannot answer now. */
    public Optional<Map<Integer, TopicPartitionInfo>> describe(String topic) {
        try {
            return Optional.of(describeOnce(topic));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Like {@link #describe} but retries for {@code timeout}, then throws with the last error. */
    public Map<Integer, TopicPartitionInfo> describe(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return describeOnce(topic);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe " + topic + " within " + timeout, e);
                }
                Thread.sleep(300);
            }
        }
    }

    private Map<Integer, TopicPartitionInfo> describeOnce(String topic)
        throws ExecutionException, TimeoutException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(5, TimeUnit.SECONDS).get(topic);
        Map<Integer, TopicPartitionInfo> partitions = new HashMap<>();
        description.partitions().forEach(p -> partitions.put(p.partition(), p));
        return partitions;
    }

    /** Undoes every fault: unpauses, heals the network, restarts killed or stopped nodes. */
    public void healAll() throws IOException, InterruptedException {
        for (Node node : nodes) {
            if (node.state() == Node.State.PAUSED) {
                node.unpause();
            }
        }
        for (Node node : nodes) {
            node.healNetwork();
        }
        for (Node node : nodes) {
            if (node.state() == Node.State.KILLED || node.state() == Node.State.STOPPED) {
                node.restart(START_TIMEOUT);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        for (Node node : nodes) {
            if (node.state() == Node.State.PAUSED) {
                node.unpause();
            }
            node.container().stop();
        }
        network.close();
    }
}
