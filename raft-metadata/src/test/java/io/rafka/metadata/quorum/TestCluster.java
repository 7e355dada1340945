package io.rafka.metadata.quorum;

import static org.awaitility.Awaitility.await;

import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.controller.ControllerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real Ratis servers in this JVM on loopback ports, one directory per node. Election timeouts are left at
 * Ratis's defaults unless given (they are already short: 150-300 ms). Not thread-safe.
 */
final class TestCluster implements AutoCloseable {

    static final ControllerConfig CONTROLLER = new ControllerConfig(60_000, 1_000, false, false, 300_000, 1, 1);

    final Path root;
    final String voters;
    final String listeners;
    final Map<Integer, MetadataQuorum> nodes = new HashMap<>();
    final Map<Integer, QuorumConfig> configs = new HashMap<>();
    private final Map<Integer, Long> brokerEpochs = new HashMap<>();

    TestCluster(Path root, int voterCount, int listenerCount, long snapshotIntervalEntries, long electionMinMs,
                long electionMaxMs) throws IOException {
        this.root = root;
        List<String> voterList = new ArrayList<>();
        List<String> listenerList = new ArrayList<>();
        for (int id = 1; id <= voterCount + listenerCount; id++) {
            String peer = id + "@127.0.0.1:" + freePort();
            (id <= voterCount ? voterList : listenerList).add(peer);
        }
        this.voters = String.join(",", voterList);
        this.listeners = String.join(",", listenerList);
        for (int id = 1; id <= voterCount + listenerCount; id++) {
            QuorumConfig.Builder builder = QuorumConfig.builder(id, root.resolve("node-" + id))
                .clusterId("test-cluster").voters(voters).listeners(listeners)
                .snapshotIntervalEntries(snapshotIntervalEntries).controller(CONTROLLER).requestTimeoutMs(20_000);
            if (electionMinMs > 0) {
                builder.electionTimeoutMs(electionMinMs, electionMaxMs);
            }
            configs.put(id, builder.build());
        }
    }

    static TestCluster voters(Path root, int count) throws IOException {
        return new TestCluster(root, count, 0, QuorumConfig.DEFAULT_SNAPSHOT_INTERVAL_ENTRIES, 0, 0);
    }

    void startAll() throws IOException {
        for (int id : configs.keySet()) {
            start(id);
        }
    }

    MetadataQuorum start(int id) throws IOException {
        MetadataQuorum quorum = MetadataQuorum.start(configs.get(id));
        nodes.put(id, quorum);
        return quorum;
    }

    void stop(int id) throws IOException {
        nodes.remove(id).close();
    }

    MetadataQuorum awaitActiveController() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
            .until(() -> activeController().isPresent());
        return activeController().orElseThrow();
    }

    Optional<MetadataQuorum> activeController() {
        return nodes.values().stream().filter(MetadataQuorum::isActiveController).findFirst();
    }

    MetadataQuorum any() {
        return nodes.values().iterator().next();
    }

    /** Registers brokers 1..n (fake ones: only their controller calls) and unfences them. */
    void registerBrokers(int... ids) throws Exception {
        ControllerClient client = any().controllerClient();
        for (int id : ids) {
            RegisterBroker.Response response = client.registerBroker(new RegisterBroker.Request(id,
                UUID.randomUUID().toString(), List.of(new Endpoint("PLAINTEXT", "localhost", 9090 + id)), null))
                .get(30, TimeUnit.SECONDS);
            brokerEpochs.put(id, response.brokerEpoch());
        }
        for (int id : ids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BrokerHeartbeat.Response response = client.brokerHeartbeat(new BrokerHeartbeat.Request(id,
                    brokerEpochs.get(id), Long.MAX_VALUE, false, List.of())).get(30, TimeUnit.SECONDS);
                return !response.isFenced();
            });
        }
    }

    static long registerOne(MetadataQuorum quorum, int id) throws Exception {
        ControllerClient client = quorum.controllerClient();
        long epoch = client.registerBroker(new RegisterBroker.Request(id, UUID.randomUUID().toString(),
            List.of(new Endpoint("PLAINTEXT", "localhost", 9090 + id)), null)).get(30, TimeUnit.SECONDS).brokerEpoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.brokerHeartbeat(new BrokerHeartbeat.Request(id,
            epoch, Long.MAX_VALUE, false, List.of())).get(30, TimeUnit.SECONDS).isFenced());
        return epoch;
    }

    CreateTopics.Result createTopic(MetadataQuorum via, String name, int partitions, int replicationFactor)
        throws Exception {
        return via.controllerClient().createTopics(new CreateTopics.Request(
            List.of(CreateTopics.Topic.of(name, partitions, replicationFactor)), false))
            .get(30, TimeUnit.SECONDS).results().get(0);
    }

    Map<Integer, Long> appliedOffsets() {
        return nodes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().currentImage().offset()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        for (MetadataQuorum quorum : nodes.values()) {
            quorum.close();
        }
        nodes.clear();
    }
}
