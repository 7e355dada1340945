package io.rafka.metadata.api;

import java.util.List;
import java.util.UUID;

/**
 * AlterPartition: a partition leader proposes a new ISR. Accepted only if the leader epoch and partition epoch
 * match the controller's; the answer carries the partition's state after the change (or as it is, on error).
 *
 * <p>Immutable records, thread-safe.
 */
public final class AlterPartition {
    private AlterPartition() {}

    public record Request(int brokerId, long brokerEpoch, List<Item> items) implements ControllerRequest {
    }

    public record Item(UUID topicId, int partition, int leaderEpoch, int partitionEpoch, List<Integer> newIsr) {
    }

    public record Response(ApiError error, List<Result> results) implements ControllerResponse {
    }

    public record Result(UUID topicId, int partition, ApiError error, int leader, int leaderEpoch,
                         int partitionEpoch, List<Integer> isr) {
    }
}
