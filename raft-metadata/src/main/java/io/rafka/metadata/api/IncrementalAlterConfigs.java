package io.rafka.metadata.api;

import java.util.List;

/**
 * IncrementalAlterConfigs for topics and brokers (broker {@code ""} = cluster default).
 *
 * <p>Immutable records, thread-safe.
 */
public final class IncrementalAlterConfigs {
    private IncrementalAlterConfigs() {}

    public enum OpType { SET, DELETE, APPEND, SUBTRACT }

    public record Request(List<Resource> resources, boolean validateOnly) implements ControllerRequest {
    }

    public record Resource(ConfigResource resource, List<Op> ops) {
    }

    public record Op(String name, OpType type, String value) {
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(ConfigResource resource, ApiError error) {
    }
}
