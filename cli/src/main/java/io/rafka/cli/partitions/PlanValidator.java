package io.rafka.cli.partitions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a well-formed plan against the cluster it is meant for: every topic and partition must
 * exist and every replica must be a registered broker. Pure, so plans are testable without a cluster.
 *
 * <p>Thread-safety: stateless.
 */
public final class PlanValidator {

    private PlanValidator() {}

    /**
     * The problems that make {@code plan} impossible, in plan order; empty when it can be executed.
     *
     * @param partitionCounts partitions per existing topic
     * @param brokerIds the registered brokers
     */
    public static List<String> problems(ReassignmentPlan plan, Map<String, Integer> partitionCounts, Set<Integer> brokerIds) {
        List<String> problems = new ArrayList<>();
        for (PartitionMove move : plan.moves()) {
            Integer partitionCount = partitionCounts.get(move.topic());
            if (partitionCount == null) {
                problems.add("topic " + move.topic() + " does not exist");
                continue;
            }
            if (move.partition() >= partitionCount) {
                problems.add("partition " + move.topicPartition() + " does not exist (topic has "
                        + partitionCount + " partitions)");
            }
            for (int replica : move.replicas()) {
                if (!brokerIds.contains(replica)) {
                    problems.add(move.topicPartition() + ": broker " + replica + " is not in the cluster (brokers: "
                            + new TreeSet<>(brokerIds) + ")");
                }
            }
        }
        return problems;
    }
}
