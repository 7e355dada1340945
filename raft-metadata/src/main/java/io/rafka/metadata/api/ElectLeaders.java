package io.rafka.metadata.api;

import java.util.List;

/**
 * ElectLeaders: preferred or unclean election for the given partitions, or for all when {@code partitions} is null.
 *
 * <p>Immutable records, thread-safe.
 */
public final class ElectLeaders {
    private ElectLeaders() {}

    public enum ElectionType { PREFERRED, UNCLEAN }

    public record Request(ElectionType type, List<TopicPartition> partitions) implements ControllerRequest {
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(TopicPartition partition, ApiError error) {
    }
}
