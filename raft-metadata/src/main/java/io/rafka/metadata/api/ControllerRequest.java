package io.rafka.metadata.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to the active controller. Requests travel as JSON from any node to the Ratis leader (see
 * {@code RatisControllerClient}); the type name on the wire is the API name.
 *
 * <p>Implementations are immutable records, thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "api")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RegisterBroker.Request.class, name = "RegisterBroker"),
    @JsonSubTypes.Type(value = UnregisterBroker.Request.class, name = "UnregisterBroker"),
    @JsonSubTypes.Type(value = BrokerHeartbeat.Request.class, name = "BrokerHeartbeat"),
    @JsonSubTypes.Type(value = BrokerConnectionClosed.Request.class, name = "BrokerConnectionClosed"),
    @JsonSubTypes.Type(value = ControlledShutdown.Request.class, name = "ControlledShutdown"),
    @JsonSubTypes.Type(value = CreateTopics.Request.class, name = "CreateTopics"),
    @JsonSubTypes.Type(value = DeleteTopics.Request.class, name = "DeleteTopics"),
    @JsonSubTypes.Type(value = CreatePartitions.Request.class, name = "CreatePartitions"),
    @JsonSubTypes.Type(value = AlterPartition.Request.class, name = "AlterPartition"),
    @JsonSubTypes.Type(value = ElectLeaders.Request.class, name = "ElectLeaders"),
    @JsonSubTypes.Type(value = AlterReassignments.Request.class, name = "AlterReassignments"),
    @JsonSubTypes.Type(value = ListReassignments.Request.class, name = "ListReassignments"),
    @JsonSubTypes.Type(value = IncrementalAlterConfigs.Request.class, name = "IncrementalAlterConfigs"),
    @JsonSubTypes.Type(value = AllocateProducerIds.Request.class, name = "AllocateProducerIds"),
})
public interface ControllerRequest {
}
