package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proposes a plan that spreads the given topics over the given brokers, keeping each partition's
 * replication factor. Placement follows DESIGN.md: round-robin over the brokers, each successive
 * partition (across topics, in the order given) starting one broker further, so preferred leaders
 * spread evenly. Deterministic (Kafka's tool starts at a random broker), so the same inputs always
 * give the same plan.
 *
 * <p>Thread-safety: stateless.
 */
public final class PlanGenerator {

    private PlanGenerator() {}

    /**
     * @param currentReplicas for each topic in order, the current replica list of each partition
     *     (index = partition number)
     * @param brokerIds the brokers to spread over, in the order replicas should be assigned
     */
    public static ReassignmentPlan generate(Map<String, List<List<Integer>>> currentReplicas, List<Integer> brokerIds) {
        if (brokerIds.isEmpty()) {
            throw new CliException("--brokers names no broker");
        }
        if (brokerIds.stream().distinct().count() != brokerIds.size()) {
            throw new CliException("--brokers lists a broker twice: " + brokerIds);
        }
        List<PartitionMove> moves = new ArrayList<>();
        int start = 0;
        for (Map.Entry<String, List<List<Integer>>> topic : currentReplicas.entrySet()) {
            List<List<Integer>> partitions = topic.getValue();
            for (int partition = 0; partition < partitions.size(); partition++) {
                int replicationFactor = partitions.get(partition).size();
                if (replicationFactor > brokerIds.size()) {
                    throw new CliException("topic " + topic.getKey() + " has replication factor " + replicationFactor
                            + " but --brokers names only " + brokerIds.size() + " brokers");
                }
                List<Integer> replicas = new ArrayList<>(replicationFactor);
                for (int i = 0; i < replicationFactor; i++) {
                    replicas.add(brokerIds.get((start + i) % brokerIds.size()));
                }
                moves.add(new PartitionMove(topic.getKey(), partition, replicas));
                start++;
            }
        }
        if (moves.isEmpty()) {
            throw new CliException("the topics have no partitions to move");
        }
        return new ReassignmentPlan(moves);
    }
}
