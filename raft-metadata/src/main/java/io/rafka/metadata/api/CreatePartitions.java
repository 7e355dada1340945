package io.rafka.metadata.api;

import java.util.List;

/**
 * CreatePartitions: grow a topic to {@code totalCount} partitions; explicit assignments for the new ones optional.
 *
 * <p>Immutable records, thread-safe.
 */
public final class CreatePartitions {
    private CreatePartitions() {}

    public record Request(List<Topic> topics, boolean validateOnly) implements ControllerRequest {
    }

    public record Topic(String name, int totalCount, List<List<Integer>> newAssignments) {
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(String name, ApiError error) {
    }
}
