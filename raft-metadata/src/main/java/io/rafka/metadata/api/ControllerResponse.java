package io.rafka.metadata.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The controller's answer to one {@link ControllerRequest}. {@link NotController} is what a node that is not
 * (or no longer) the active controller answers; clients retry it on the new leader.
 *
 * <p>Implementations are immutable records, thread-safe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "api")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RegisterBroker.Response.class, name = "RegisterBroker"),
    @JsonSubTypes.Type(value = UnregisterBroker.Response.class, name = "UnregisterBroker"),
    @JsonSubTypes.Type(value = BrokerHeartbeat.Response.class, name = "BrokerHeartbeat"),
    @JsonSubTypes.Type(value = BrokerConnectionClosed.Response.class, name = "BrokerConnectionClosed"),
    @JsonSubTypes.Type(value = ControlledShutdown.Response.class, name = "ControlledShutdown"),
    @JsonSubTypes.Type(value = CreateTopics.Response.class, name = "CreateTopics"),
    @JsonSubTypes.Type(value = DeleteTopics.Response.class, name = "DeleteTopics"),
    @JsonSubTypes.Type(value = CreatePartitions.Response.class, name = "CreatePartitions"),
    @JsonSubTypes.Type(value = AlterPartition.Response.class, name = "AlterPartition"),
    @JsonSubTypes.Type(value = ElectLeaders.Response.class, name = "ElectLeaders"),
    @JsonSubTypes.Type(value = AlterReassignments.Response.class, name = "AlterReassignments"),
    @JsonSubTypes.Type(value = ListReassignments.Response.class, name = "ListReassignments"),
    @JsonSubTypes.Type(value = IncrementalAlterConfigs.Response.class, name = "IncrementalAlterConfigs"),
    @JsonSubTypes.Type(value = AllocateProducerIds.Response.class, name = "AllocateProducerIds"),
    @JsonSubTypes.Type(value = ControllerResponse.NotController.class, name = "NotController"),
})
public interface ControllerResponse {

    /** Answered by a node whose controller is not active; carries the leader it knows of, or -1. */
    record NotController(int leaderId) implements ControllerResponse {
    }
}
