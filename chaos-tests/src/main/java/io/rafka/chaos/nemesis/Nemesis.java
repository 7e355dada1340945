package io.rafka.chaos.nemesis;

import io.rafka.chaos.cluster.ChaosCluster;
import io.rafka.chaos.cluster.Node;
import io.rafka.chaos.history.History;
import io.rafka.chaos.history.Op;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Injects one fault at a time on a seeded schedule: pick a kind, apply it, hold it, heal it, let the cluster
 * recover, repeat until the duration is over. The seed fixes the sequence of kinds, hold times and random
 * targets; targets that depend on the cluster (the active controller, a partition's leader) are whatever the
 * cluster says at that moment.
 *
 * <p>Not thread-safe: runs on the test thread while the workload runs on its own.
 */
public final class Nemesis {

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final long FAILOVER_WAIT_MS = 30_000;

    private final ChaosCluster cluster;
    private final History history;
    private final Random random;
    private final String leaderTopic;
    private final List<FaultWindow> windows = new ArrayList<>();

    /** @param leaderTopic the topic whose partition leaders {@link FaultKind#KILL_LEADER} targets */
    public Nemesis(ChaosCluster cluster, History history, long seed, String leaderTopic) {
        this.cluster = cluster;
        this.history = history;
        this.random = new Random(seed);
        this.leaderTopic = leaderTopic;
    }

    public List<FaultWindow> windows() {
        return List.copyOf(windows);
    }

    /** Runs the mixed schedule for {@code durationMs}. Hold and recovery times are drawn from the given ranges. */
    public void runSchedule(List<FaultKind> kinds, long durationMs, long holdMinMs, long holdMaxMs,
                            long recoverMs) throws IOException, InterruptedException {
        long endMs = history.nowMs() + durationMs;
        while (history.nowMs() < endMs) {
            FaultKind kind = kinds.get(random.nextInt(kinds.size()));
            long holdMs = holdMinMs + (long) (random.nextDouble() * (holdMaxMs - holdMinMs));
            inject(kind, holdMs);
            Thread.sleep(recoverMs);
        }
    }

    /** Applies one fault, holds it for {@code holdMs}, heals it, and records its window. */
    public FaultWindow inject(FaultKind kind, long holdMs) throws IOException, InterruptedException {
        return switch (kind) {
            case KILL_RANDOM -> kill(kind, randomNode(), holdMs);
            case KILL_CONTROLLER -> kill(kind, awaitController(), holdMs);
            case KILL_LEADER -> kill(kind, leaderOrRandom(), holdMs);
            case RESTART -> restart(randomNode(), holdMs);
            case PAUSE -> pause(randomNode(), holdMs);
            case ISOLATE_ONE -> cut(kind, List.of(randomNode()), holdMs);
            case ISOLATE_CONTROLLER -> cut(kind, List.of(controllerOrRandom()), holdMs);
            case PARTITION_HALVES -> cut(kind, minority(), holdMs);
        };
    }

    private FaultWindow kill(FaultKind kind, Node node, long holdMs) throws IOException, InterruptedException {
        Optional<Integer> controllerBefore = kind == FaultKind.KILL_CONTROLLER
            ? Optional.of(node.id()) : cluster.activeController();
        long start = begin(kind, node.toString() + controllerNote(node, controllerBefore));
        node.kill();
        long failoverMs = -1;
        if (controllerBefore.isPresent() && controllerBefore.get() == node.id()) {
            failoverMs = awaitNewController(node.id(), start);
        }
        sleepRest(start, holdMs);
        node.restart(RESTART_TIMEOUT);
        return end(kind, node.toString(), start, failoverMs);
    }

    private FaultWindow restart(Node node, long holdMs) throws IOException, InterruptedException {
        long start = begin(FaultKind.RESTART, node.toString());
        node.stop();
        sleepRest(start, holdMs);
        node.restart(RESTART_TIMEOUT);
        return end(FaultKind.RESTART, node.toString(), start, -1);
    }

    private FaultWindow pause(Node node, long holdMs) throws IOException, InterruptedException {
        long start = begin(FaultKind.PAUSE, node.toString());
        node.pause();
        sleepRest(start, holdMs);
        node.unpause();
        return end(FaultKind.PAUSE, node.toString(), start, -1);
    }

    /** Cuts every link between {@code side} and the other nodes, both directions. */
    private FaultWindow cut(FaultKind kind, List<Node> side, long holdMs) throws IOException, InterruptedException {
        List<Node> rest = new ArrayList<>(cluster.nodes());
        rest.removeAll(side);
        String targets = side + " | " + rest;
        long start = begin(kind, targets);
        for (Node a : side) {
            for (Node b : rest) {
                a.cutFrom(b);
                b.cutFrom(a);
            }
        }
        sleepRest(start, holdMs);
        for (Node node : cluster.nodes()) {
            node.healNetwork();
        }
        return end(kind, targets, start, -1);
    }

    /** Waits until a node other than {@code oldController} reports itself active; milliseconds since the kill. */
    public long awaitNewController(int oldController, long killedAtMs) throws InterruptedException {
        while (history.nowMs() - killedAtMs < FAILOVER_WAIT_MS) {
            Optional<Integer> now = cluster.activeController();
            if (now.isPresent() && now.get() != oldController) {
                long failoverMs = history.nowMs() - killedAtMs;
                history.append(t -> Op.nemesis(t, "controller n" + now.get() + " active " + failoverMs
                    + " ms after the kill of n" + oldController));
                return failoverMs;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Marks the start of a fault a scenario injects by hand; returns its time. */
    public long begin(FaultKind kind, String targets) {
        return history.append(t -> Op.nemesis(t, "start " + kind + " " + targets)).timeMs();
    }

    /** Marks the end of a fault started with {@link #begin} and records its window. */
    public FaultWindow end(FaultKind kind, String targets, long startMs, long failoverMs) {
        long endMs = history.append(t -> Op.nemesis(t, "stop " + kind + " " + targets)).timeMs();
        FaultWindow window = new FaultWindow(kind, targets, startMs, endMs, failoverMs);
        windows.add(window);
        return window;
    }

    private void sleepRest(long startMs, long holdMs) throws InterruptedException {
        long restMs = startMs + holdMs - history.nowMs();
        if (restMs > 0) {
            Thread.sleep(restMs);
        }
    }

    private static String controllerNote(Node node, Optional<Integer> controller) {
        return controller.isPresent() && controller.get() == node.id() ? " (active controller)" : "";
    }

    private Node randomNode() {
        return cluster.nodes().get(random.nextInt(cluster.nodes().size()));
    }

    /**
     * The active controller, waiting for one: the quorum may be between leaders when the schedule asks (a
     * kill of "the controller" that hit a random node would measure no failover). Fails after 30 s.
     */
    private Node awaitController() throws InterruptedException {
        long deadline = history.nowMs() + FAILOVER_WAIT_MS;
        while (history.nowMs() < deadline) {
            Optional<Integer> controller = cluster.activeController();
            if (controller.isPresent()) {
                return cluster.node(controller.get());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no active controller for " + FAILOVER_WAIT_MS + " ms");
    }

    private Node controllerOrRandom() {
        return cluster.activeController().map(cluster::node).orElseGet(this::randomNode);
    }

    private Node leaderOrRandom() {
        Optional<Map<Integer, TopicPartitionInfo>> partitions = cluster.describe(leaderTopic);
        if (partitions.isPresent() && !partitions.get().isEmpty()) {
            TopicPartitionInfo partition = partitions.get().get(random.nextInt(partitions.get().size()));
            if (partition != null && partition.leader() != null && partition.leader().id() >= 1) {
                return cluster.node(partition.leader().id());
            }
        }
        return randomNode();
    }

    /** A random minority: floor(n / 2) nodes (one of three, two of five). */
    private List<Node> minority() {
        List<Node> shuffled = new ArrayList<>(cluster.nodes());
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, cluster.nodes().size() / 2));
    }
}
