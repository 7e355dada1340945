package io.rafka.metadata.bench;

import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.controller.ControllerConfig;
import io.rafka.metadata.quorum.ControllerClient;
import io.rafka.metadata.quorum.MetadataQuorum;
import io.rafka.metadata.quorum.QuorumConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Figures for the closing note, on three in-process voters with DEFAULT Ratis timeouts:
 * controller fail-over (kill the leader -> first committed write on the new leader, median of N runs),
 * topic creations per second (1 partition, RF 3), and one topic with 10,000 partitions.
 *
 * <p>Run: see raft-metadata/README.md. Arguments: {@code [failoverRuns=20] [topics=2000] [partitions=10000] [inFlight=64]}.
 * Not a test: it takes a minute and its numbers depend on the machine.
 */
public final class QuorumBenchmark {

    private final Path root;
    private final Map<Integer, QuorumConfig> configs = new HashMap<>();
    private final Map<Integer, MetadataQuorum> nodes = new HashMap<>();

    private QuorumBenchmark(Path root) throws IOException {
        this.root = root;
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            voters.add(id + "@127.0.0.1:" + freePort());
        }
        ControllerConfig controller = new ControllerConfig(600_000, 1_000, false, false, 300_000, 1, 1);
        for (int id = 1; id <= 3; id++) {
            configs.put(id, QuorumConfig.builder(id, root.resolve("node-" + id)).clusterId("bench")
                .voters(String.join(",", voters)).controller(controller).build());
        }
    }

    public static void main(String[] args) throws Exception {
        int failoverRuns = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int topics = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Path root = Files.createTempDirectory("rafka-quorum-bench");
        QuorumBenchmark bench = new QuorumBenchmark(root);
        try {
            for (int id = 1; id <= 3; id++) {
                bench.nodes.put(id, MetadataQuorum.start(bench.configs.get(id)));
            }
            bench.awaitActive();
            bench.registerBrokers();
            bench.topicCreationRate(topics, inFlight);
            bench.bigTopic(partitions);
            bench.failover(failoverRuns);
        } finally {
            for (MetadataQuorum node : bench.nodes.values()) {
                node.close();
            }
        }
        System.exit(0);
    }

    private void failover(int runs) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            MetadataQuorum leader = awaitActive();
            int leaderId = leader.nodeId();
            MetadataQuorum survivor = nodes.values().stream().filter(n -> n.nodeId() != leaderId).findFirst().orElseThrow();
            MetadataQuorum victim = nodes.remove(leaderId);
            long startNs = System.nanoTime();
            // Closing a Ratis server in-process takes up to a second or so; the cluster sees the leader stop at
            // once, so the close runs beside the write instead of before it.
            Thread killer = new Thread(() -> {
                try {
                    victim.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "bench-kill-leader");
            killer.start();
            IncrementalAlterConfigs.Response response = survivor.controllerClient().incrementalAlterConfigs(
                new IncrementalAlterConfigs.Request(List.of(new IncrementalAlterConfigs.Resource(
                    ConfigResource.CLUSTER_DEFAULT, List.of(new IncrementalAlterConfigs.Op("log.retention.ms",
                        IncrementalAlterConfigs.OpType.SET, Integer.toString(run + 1000))))), false))
                .get(60, TimeUnit.SECONDS);
            double elapsedMs = (System.nanoTime() - startNs) / 1e6;
            killer.join();
            if (!response.results().get(0).error().isSuccess()) {
                throw new IllegalStateException("write failed: " + response);
            }
            millis.add(elapsedMs);
            System.out.printf("failover run %2d: leader %d killed -> first committed write after %.0f ms%n",
                run + 1, leaderId, elapsedMs);
            MetadataQuorum restarted = MetadataQuorum.start(configs.get(leaderId));
            nodes.put(leaderId, restarted);
            long target = survivor.currentImage().offset();
            while (restarted.currentImage().offset() < target) {
                Thread.sleep(20);
            }
        }
        Collections.sort(millis);
        double median = millis.size() % 2 == 1 ? millis.get(millis.size() / 2)
            : (millis.get(millis.size() / 2 - 1) + millis.get(millis.size() / 2)) / 2;
        System.out.printf("FIGURE controller failover: median %.0f ms, min %.0f ms, max %.0f ms over %d runs%n",
            median, millis.get(0), millis.get(millis.size() - 1), millis.size());
    }

    private void topicCreationRate(int topics, int inFlight) throws Exception {
        ControllerClient client = nodes.get(1).controllerClient();
        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<CreateTopics.Response>> answers = new ArrayList<>();
        long startNs = System.nanoTime();
        for (int i = 0; i < topics; i++) {
            window.acquire();
            CompletableFuture<CreateTopics.Response> answer = client.createTopics(new CreateTopics.Request(
                List.of(CreateTopics.Topic.of("rate-" + i, 1, 3)), false));
            answer.whenComplete((r, e) -> window.release());
            answers.add(answer);
        }
        for (CompletableFuture<CreateTopics.Response> answer : answers) {
            if (!answer.get(60, TimeUnit.SECONDS).results().get(0).error().isSuccess()) {
                throw new IllegalStateException("create failed: " + answer.get());
            }
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("FIGURE topic creations: %d topics (1 partition, RF 3) in %.2f s = %.0f topics/s "
            + "(%d requests in flight, forwarded from node 1)%n", topics, seconds, topics / seconds, inFlight);
    }

    private void bigTopic(int partitions) throws Exception {
        ControllerClient client = nodes.get(2).controllerClient();
        long startNs = System.nanoTime();
        CreateTopics.Response response = client.createTopics(new CreateTopics.Request(
            List.of(CreateTopics.Topic.of("big", partitions, 3)), false)).get(120, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - startNs) / 1e6;
        if (!response.results().get(0).error().isSuccess()) {
            throw new IllegalStateException("create failed: " + response);
        }
        System.out.printf("FIGURE one topic with %d partitions (RF 3): committed in %.0f ms%n", partitions, ms);
    }

    private void registerBrokers() throws Exception {
        ControllerClient client = nodes.get(1).controllerClient();
        for (int id = 1; id <= 3; id++) {
            long epoch = client.registerBroker(new RegisterBroker.Request(id, UUID.randomUUID().toString(),
                List.of(new Endpoint("PLAINTEXT", "localhost", 9090 + id)), null)).get(30, TimeUnit.SECONDS).brokerEpoch();
            while (client.brokerHeartbeat(new BrokerHeartbeat.Request(id, epoch, Long.MAX_VALUE, false, List.of()))
                .get(30, TimeUnit.SECONDS).isFenced()) {
                Thread.sleep(10);
            }
        }
    }

    private MetadataQuorum awaitActive() throws InterruptedException {
        while (true) {
            Optional<MetadataQuorum> active = nodes.values().stream().filter(MetadataQuorum::isActiveController).findFirst();
            if (active.isPresent()) {
                return active.get();
            }
            Thread.sleep(5);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
