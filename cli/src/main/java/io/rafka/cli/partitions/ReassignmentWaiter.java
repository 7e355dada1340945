package io.rafka.cli.partitions;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;

/**
 * {@code --wait}: polls the cluster until every planned partition has its target replicas,
 * printing a progress line on stderr after each poll. Fails when a partition stops moving without
 * reaching its target (cancelled or refused).
 *
 * <p>Thread-safety: confined to the command's thread.
 */
final class ReassignmentWaiter {
    // A broker's metadata may lag the controller for a moment after completion; a partition must
    // look stopped this many polls in a row before the wait gives up on it.
    private static final int NOT_APPLIED_POLLS_BEFORE_FAILING = 3;

    private final ReassignmentCluster cluster;
    private final CliEnvironment environment;
    private final long pollIntervalMs;

    ReassignmentWaiter(ReassignmentCluster cluster, CliEnvironment environment, long pollIntervalMs) {
        this.cluster = cluster;
        this.environment = environment;
        this.pollIntervalMs = pollIntervalMs;
    }

    /**
     * @param originalReplicas replicas before the reassignment started, to know which replicas are being added
     * @param movesStartedMs when this run started the moves ({@code --execute}), on the environment's
     *     monotonic clock: the added replicas began empty then, so the rate counts every byte they
     *     hold since that moment, also bytes copied before the first poll (a throttle's initial burst,
     *     a small partition). Empty for {@code --verify}: the rate counts from the first poll.
     */
    void waitForCompletion(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> originalReplicas,
            OptionalLong movesStartedMs) throws InterruptedException {
        Map<TopicPartition, List<Integer>> added = addedReplicas(plan, originalReplicas);
        Set<Integer> brokers = new HashSet<>();
        plan.moves().forEach(move -> brokers.addAll(move.replicas()));
        originalReplicas.values().forEach(brokers::addAll);
        long startMs = movesStartedMs.orElse(environment.time().monotonicMs());
        Long bytesAtStart = movesStartedMs.isPresent() ? Long.valueOf(0) : null;
        Map<TopicPartition, Integer> notAppliedPolls = new LinkedHashMap<>();
        while (true) {
            Set<TopicPartition> ongoing = cluster.ongoing(plan);
            Map<TopicPartition, List<Integer>> current = cluster.currentReplicas(plan);
            int done = 0;
            for (PartitionMove move : plan.moves()) {
                TopicPartition partition = move.topicPartition();
                PartitionState state = PartitionState.of(current.get(partition), move.replicas(), ongoing.contains(partition));
                done += state == PartitionState.COMPLETE ? 1 : 0;
                int polls = state == PartitionState.NOT_APPLIED ? notAppliedPolls.getOrDefault(partition, 0) + 1 : 0;
                notAppliedPolls.put(partition, polls);
                if (polls >= NOT_APPLIED_POLLS_BEFORE_FAILING) {
                    throw new CliException("reassignment of " + partition + " stopped before completion: replicas are "
                            + current.get(partition) + ", the plan asks for " + move.replicas());
                }
            }
            Optional<CopiedBytes> bytes = measureBytes(plan, added, brokers);
            if (bytesAtStart == null && bytes.isPresent()) {
                bytesAtStart = bytes.get().copiedBytes();
            }
            ReassignProgress progress = new ReassignProgress(done, plan.moves().size(),
                    bytes.map(CopiedBytes::copied).orElse(OptionalLong.empty()),
                    bytes.map(CopiedBytes::total).orElse(OptionalLong.empty()),
                    bytesAtStart == null ? 0 : bytesAtStart, environment.time().monotonicMs() - startMs);
            environment.err().println(progress.render());
            environment.err().flush();
            if (done == plan.moves().size()) {
                return;
            }
            environment.time().sleep(pollIntervalMs);
        }
    }

    private Optional<CopiedBytes> measureBytes(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> added,
            Set<Integer> brokers) {
        Map<TopicPartitionReplica, Long> sizes = cluster.replicaSizesOrNull(brokers);
        return sizes == null ? Optional.empty() : CopiedBytes.of(added, cluster.leaders(plan), sizes);
    }

    static Map<TopicPartition, List<Integer>> addedReplicas(
            ReassignmentPlan plan, Map<TopicPartition, List<Integer>> originalReplicas) {
        Map<TopicPartition, List<Integer>> added = new LinkedHashMap<>();
        for (PartitionMove move : plan.moves()) {
            List<Integer> before = originalReplicas.getOrDefault(move.topicPartition(), List.of());
            List<Integer> adding = new ArrayList<>(move.replicas());
            adding.removeAll(before);
            added.put(move.topicPartition(), adding);
        }
        return added;
    }
}
