package io.rafka.metadata.api;

import java.util.List;

/**
 * AlterPartitionReassignments: start (target replicas) or cancel (null target) reassignments.
 *
 * <p>Immutable records, thread-safe.
 */
public final class AlterReassignments {
    private AlterReassignments() {}

    public record Request(List<Item> items) implements ControllerRequest {
    }

    public record Item(TopicPartition partition, List<Integer> targetReplicas) {
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(TopicPartition partition, ApiError error) {
    }
}
