package io.rafka.metadata.api;

import java.util.List;

/**
 * ListPartitionReassignments, for the given partitions or all when {@code partitions} is null.
 *
 * <p>Immutable records, thread-safe.
 */
public final class ListReassignments {
    private ListReassignments() {}

    public record Request(List<TopicPartition> partitions) implements ControllerRequest {
    }

    public record Response(List<Ongoing> reassignments) implements ControllerResponse {
    }

    public record Ongoing(TopicPartition partition, List<Integer> replicas, List<Integer> addingReplicas,
                          List<Integer> removingReplicas) {
    }
}
