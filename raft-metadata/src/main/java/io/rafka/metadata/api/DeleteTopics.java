package io.rafka.metadata.api;

import java.util.List;
import java.util.UUID;

/**
 * DeleteTopics, by name or by id.
 *
 * <p>Immutable records, thread-safe.
 */
public final class DeleteTopics {
    private DeleteTopics() {}

    public record Request(List<String> names, List<UUID> topicIds) implements ControllerRequest {
    }

    public record Response(List<Result> results) implements ControllerResponse {
    }

    public record Result(String name, UUID topicId, ApiError error) {
    }
}
