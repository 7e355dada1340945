package io.rafka.metadata.api;

import java.util.List;
import java.util.UUID;

/**
 * BrokerHeartbeat: keeps the broker's session alive, reports how far it has applied the metadata log
 * ({@code metadataOffset}, used to unfence it) and what each of its replicas holds (used for unclean
 * elections). Heartbeats are kept in controller memory, never written to the log.
 *
 * <p>Immutable records, thread-safe.
 */
public final class BrokerHeartbeat {
    private BrokerHeartbeat() {}

    public record Request(int brokerId, long brokerEpoch, long metadataOffset, boolean wantShutdown,
                          List<ReplicaReport> replicaReports) implements ControllerRequest {
    }

    /** What a replica holds: the last leader epoch in its log and its log end offset. */
    public record ReplicaReport(UUID topicId, int partition, int lastLeaderEpoch, long logEndOffset) {
    }

    public record Response(ApiError error, boolean isFenced, boolean shouldShutDown) implements ControllerResponse {
    }
}
