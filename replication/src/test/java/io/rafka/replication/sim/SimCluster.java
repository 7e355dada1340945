package io.rafka.replication.sim;

import io.rafka.common.MockTime;
import io.rafka.replication.PartitionRegistration;
import io.rafka.replication.ReplicationError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A whole simulated cluster for one partition: N replica nodes, a fake controller, a fake clock and
 * an in-memory network, driven by one seeded {@link Random}. Each step either delivers the next
 * message or timer, or injects one client or nemesis action (produce, flush, crash, restart,
 * leadership move, isolation). {@link SimInvariants} are checked after every step. Same seed, same
 * run.
 *
 * <p>Not thread-safe: single-threaded by design.
 */
final class SimCluster {

    private static final int TRACE_LENGTH = 60;
    private static final long HEAL_TIME_LIMIT_MS = 60_000;

    private final SimConfig config;
    private final Random random;
    private final MockTime time = new MockTime(0L);
    private final SimNetwork network;
    private final SimController controller;
    private final Map<Integer, SimNode> nodes = new TreeMap<>();
    private final SimStats stats = new SimStats();
    private final SimInvariants invariants = new SimInvariants();
    private final Deque<String> trace = new ArrayDeque<>();
    private long nextValue = 1;
    private int step;

    SimCluster(SimConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.network = new SimNetwork(random, config.netMinDelayMs(), config.netMaxDelayMs(), config.dropProbability());
        List<Integer> replicas = IntStream.rangeClosed(1, config.replicaCount()).boxed().toList();
        for (int id : replicas) {
            nodes.put(id, new SimNode(id, config, network, stats, this::onProduceCompleted, this::incarnationOf));
        }
        this.controller = new SimController(SimController.initialRegistration(replicas), this::publish);
        publish(controller.registration());
        nodes.values().forEach(node -> node.start(nowMs()));
    }

    /** Runs the configured steps with faults, then heals everything and checks the cluster converges. */
    void run() {
        for (step = 0; step < config.steps(); step++) {
            step();
            invariants.check(controller, nodes);
        }
        heal();
    }

    SimStats stats() {
        return stats;
    }

    long committedCount() {
        return invariants.committedCount();
    }

    String recentTrace() {
        return String.join("\n", trace);
    }

    private void step() {
        double dice = random.nextDouble();
        if (dice < 0.66) {
            deliverNext();
        } else if (dice < 0.86) {
            produce();
        } else if (dice < 0.92) {
            randomAliveNode().ifPresent(SimNode::flush);
        } else if (dice < 0.93) {
            maybeCrash();
        } else if (dice < 0.95) {
            maybeRestart();
        } else if (dice < 0.985) {
            moveLeadership();
        } else {
            isolate();
        }
    }

    private void deliverNext() {
        SimNetwork.Envelope envelope = network.poll();
        if (envelope == null) {
            return;
        }
        if (envelope.deliverAtMs() > nowMs()) {
            time.advanceMs(envelope.deliverAtMs() - nowMs());
        }
        if (envelope.to() == SimController.ID) {
            SimMessage.AlterPartition request = (SimMessage.AlterPartition) envelope.message();
            SimMessage.AlterPartitionResponse response = controller.handleAlterPartition(request.proposal());
            int leaderId = request.proposal().leaderId();
            network.send(SimController.ID, leaderId, incarnationOf(leaderId), response, nowMs());
            return;
        }
        nodes.get(envelope.to()).deliver(envelope, nowMs());
    }

    private void produce() {
        PartitionRegistration registration = controller.registration();
        SimNode target;
        if (registration.hasLeader() && nodes.get(registration.leaderId()).isAlive() && random.nextDouble() < 0.85) {
            target = nodes.get(registration.leaderId());
        } else {
            // Clients with stale metadata reach deposed leaders too.
            Optional<SimNode> any = randomAliveNode();
            if (any.isEmpty()) {
                return;
            }
            target = any.get();
        }
        target.handleProduce(nextValue++, nowMs());
    }

    private void maybeCrash() {
        Optional<SimNode> victim = randomAliveNode();
        if (victim.isEmpty()) {
            return;
        }
        int id = victim.get().id();
        if (config.crashModel() == SimConfig.CrashModel.KEEP_ONE_IN_SYNC_REPLICA_RUNNING && !anotherInSyncReplicaRuns(id)) {
            return;
        }
        note("crash " + id + " (flushed " + victim.get().log().flushedEndOffset() + " of " + victim.get().log().logEndOffset() + ")");
        stats.crashes++;
        victim.get().crash();
        controller.fence(id);
    }

    private boolean anotherInSyncReplicaRuns(int id) {
        return controller.registration().isr().stream().anyMatch(other -> other != id && nodes.get(other).isAlive());
    }

    private void maybeRestart() {
        List<SimNode> dead = nodes.values().stream().filter(node -> !node.isAlive()).toList();
        if (dead.isEmpty()) {
            return;
        }
        restart(dead.get(random.nextInt(dead.size())));
    }

    private void restart(SimNode node) {
        note("restart " + node.id() + " with log end " + node.log().logEndOffset());
        stats.restarts++;
        controller.unfence(node.id(), node.incarnation());
        node.restart(controller.registration(), nowMs());
    }

    private void moveLeadership() {
        int target = 1 + random.nextInt(config.replicaCount());
        if (!nodes.get(target).isAlive()) {
            return;
        }
        if (controller.moveLeadership(target)) {
            stats.leaderMoves++;
        }
    }

    private void isolate() {
        int id = 1 + random.nextInt(config.replicaCount());
        long durationMs = 20 + random.nextInt((int) (2 * config.replicaLagTimeMaxMs()));
        note("isolate " + id + " for " + durationMs + " ms");
        stats.isolations++;
        network.isolate(id, nowMs() + durationMs);
    }

    /**
     * Liveness after the storm: with every node running and the network whole, followers catch up,
     * rejoin the ISR, and every replica ends with the leader's log and high watermark, within a
     * bounded simulated time.
     */
    private void heal() {
        network.healAll();
        nodes.values().stream().filter(node -> !node.isAlive()).toList().forEach(this::restart);
        long healDeadlineMs = nowMs() + HEAL_TIME_LIMIT_MS;
        String notConverged = notConverged();
        while (notConverged != null && nowMs() < healDeadlineMs) {
            deliverNext();
            invariants.check(controller, nodes);
            notConverged = notConverged();
        }
        if (notConverged != null) {
            throw new SimInvariants.SimViolation("liveness: " + notConverged + " after healing for "
                    + HEAL_TIME_LIMIT_MS + " ms\n" + describe());
        }
    }

    /** Why the cluster has not converged yet, or null if it has. */
    private String notConverged() {
        PartitionRegistration registration = controller.registration();
        if (!registration.hasLeader()) {
            return "partition offline";
        }
        SimNode leader = nodes.get(registration.leaderId());
        if (leader.leaderState().isEmpty() || leader.leaderState().get().leaderEpoch() != registration.leaderEpoch()) {
            return "leader " + leader.id() + " has not taken over";
        }
        if (registration.isr().size() != config.replicaCount()) {
            return "isr " + registration.isr() + " has not grown back";
        }
        long leaderEnd = leader.log().logEndOffset();
        if (leader.leaderState().get().highWatermark() != leaderEnd) {
            return "high watermark below log end " + leaderEnd;
        }
        for (SimNode node : nodes.values()) {
            if (node.log().logEndOffset() != leaderEnd || node.log().prefixHash(leaderEnd) != leader.log().prefixHash(leaderEnd)) {
                return "replica " + node.id() + " differs from leader " + leader.id();
            }
        }
        return null;
    }

    /** Every node's state in one line each, for failure messages. */
    String describe() {
        StringBuilder out = new StringBuilder("controller " + controller.registration());
        for (SimNode node : nodes.values()) {
            out.append("\n  ").append(node.describe());
        }
        return out.toString();
    }

    private void onProduceCompleted(long value, long offset, ReplicationError error) {
        switch (error) {
            case NONE -> {
                stats.acknowledged++;
                invariants.onAcknowledged(value, offset);
            }
            case NOT_ENOUGH_REPLICAS_AFTER_APPEND -> stats.failedAfterAppend++;
            case REQUEST_TIMED_OUT -> stats.timedOut++;
            default -> { }
        }
    }

    private void publish(PartitionRegistration registration) {
        note("metadata " + registration);
        for (SimNode node : nodes.values()) {
            network.send(SimController.ID, node.id(), node.incarnation(), new SimMessage.MetadataUpdate(registration), nowMs());
        }
    }

    private Optional<SimNode> randomAliveNode() {
        List<SimNode> alive = new ArrayList<>();
        nodes.values().stream().filter(SimNode::isAlive).forEach(alive::add);
        return alive.isEmpty() ? Optional.empty() : Optional.of(alive.get(random.nextInt(alive.size())));
    }

    private int incarnationOf(int nodeId) {
        return nodeId == SimController.ID ? 0 : nodes.get(nodeId).incarnation();
    }

    private long nowMs() {
        return time.milliseconds();
    }

    private void note(String event) {
        if (trace.size() == TRACE_LENGTH) {
            trace.removeFirst();
        }
        trace.addLast("step " + step + " t=" + nowMs() + "ms: " + event);
    }
}
