package io.rafka.metadata.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CreateTopics. {@code numPartitions} / {@code replicationFactor} of -1 take the cluster defaults; a non-empty
 * {@code assignments} (partition -> replicas) replaces placement.
 *
 * <p>Immutable records, thread-safe.
 */
public final class CreateTopics {
    private CreateTopics() {}

    public record Request(List<Topic> topics, boolean validateOnly) implements ControllerRequest {
    }

    public record Topic(String name, int numPartitions, int replicationFactor,
                        Map<Integer, List<Integer>> assignments, Map<String, String> configs) {
        public static Topic of(String name, int numPartitions, int replicationFactor) {
            return new Topic(name, numPartitions, replicationFactor, Map.of(), Map.of());
        }
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(String name, UUID topicId, ApiError error, int numPartitions, int replicationFactor) {
    }
}
