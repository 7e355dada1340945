package io.rafka.metadata.quorum;

import io.rafka.metadata.api.AllocateProducerIds;
import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.BrokerConnectionClosed;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControlledShutdown;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.CreatePartitions;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.DeleteTopics;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.api.UnregisterBroker;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to the active controller from any node. Every future completes only after the request's records
 * committed (or with {@link ControllerUnavailableException} if no controller answered in time). Operating
 * errors are in the responses, as {@link io.rafka.metadata.api.MetadataError} codes.
 *
 * <p>Implementations are thread-safe.
 */
public interface ControllerClient {

    /** Sends any request; the typed methods below are shorthands. */
    CompletableFuture<ControllerResponse> send(ControllerRequest request);

    @SuppressWarnings("unchecked")
    private <T extends ControllerResponse> CompletableFuture<T> typed(ControllerRequest request) {
        return send(request).thenApply(response -> (T) response);
    }

    default CompletableFuture<RegisterBroker.Response> registerBroker(RegisterBroker.Request request) {
        return typed(request);
    }

    default CompletableFuture<UnregisterBroker.Response> unregisterBroker(int brokerId) {
        return typed(new UnregisterBroker.Request(brokerId));
    }

    default CompletableFuture<BrokerHeartbeat.Response> brokerHeartbeat(BrokerHeartbeat.Request request) {
        return typed(request);
    }

    default CompletableFuture<BrokerConnectionClosed.Response> brokerConnectionClosed(int brokerId, long brokerEpoch) {
        return typed(new BrokerConnectionClosed.Request(brokerId, brokerEpoch));
    }

    default CompletableFuture<ControlledShutdown.Response> controlledShutdown(int brokerId, long brokerEpoch) {
        return typed(new ControlledShutdown.Request(brokerId, brokerEpoch));
    }

    default CompletableFuture<CreateTopics.Response> createTopics(CreateTopics.Request request) {
        return typed(request);
    }

    default CompletableFuture<DeleteTopics.Response> deleteTopics(DeleteTopics.Request request) {
        return typed(request);
    }

    default CompletableFuture<CreatePartitions.Response> createPartitions(CreatePartitions.Request request) {
        return typed(request);
    }

    default CompletableFuture<AlterPartition.Response> alterPartition(AlterPartition.Request request) {
        return typed(request);
    }

    default CompletableFuture<ElectLeaders.Response> electLeaders(ElectLeaders.Request request) {
        return typed(request);
    }

    default CompletableFuture<AlterReassignments.Response> alterPartitionReassignments(AlterReassignments.Request request) {
        return typed(request);
    }

    default CompletableFuture<ListReassignments.Response> listPartitionReassignments(ListReassignments.Request request) {
        return typed(request);
    }

    default CompletableFuture<IncrementalAlterConfigs.Response> incrementalAlterConfigs(
        IncrementalAlterConfigs.Request request) {
        return typed(request);
    }

    default CompletableFuture<AllocateProducerIds.Response> allocateProducerIds(int brokerId, long brokerEpoch) {
        return typed(new AllocateProducerIds.Request(brokerId, brokerEpoch));
    }

    /** No controller answered within the request timeout. */
    final class ControllerUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ControllerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
