package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.api.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData.ListPartitionReassignmentsTopics;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingPartitionReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingTopicReassignment;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.ListPartitionReassignmentsResponse;

/**
 * ListPartitionReassignments for the named partitions or all (null topics), asked of the controller so that the
 * answer reflects every committed change, as Kafka's controller does.
 *
 * <p>Thread-safe: no state of its own.
 */
final class ListPartitionReassignmentsHandler implements ApiHandler {

    private final AdminContext context;

    ListPartitionReassignmentsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_PARTITION_REASSIGNMENTS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        ListPartitionReassignmentsRequest list = (ListPartitionReassignmentsRequest) request;
        List<TopicPartition> partitions = null;
        if (list.data().topics() != null) {
            partitions = new ArrayList<>();
            for (ListPartitionReassignmentsTopics topic : list.data().topics()) {
                for (int partition : topic.partitionIndexes()) {
                    partitions.add(new TopicPartition(topic.name(), partition));
                }
            }
        }
        return context.controller().listPartitionReassignments(new ListReassignments.Request(partitions))
                .handle((response, failure) -> {
                    if (failure != null) {
                        ApiError error = AdminErrors.fromFailure(failure);
                        return new ListPartitionReassignmentsResponse(new ListPartitionReassignmentsResponseData()
                                .setErrorCode(error.error().code()).setErrorMessage(error.message()));
                    }
                    return respond(response);
                });
    }

    private static AbstractResponse respond(ListReassignments.Response response) {
        Map<String, List<OngoingPartitionReassignment>> byTopic = new LinkedHashMap<>();
        for (ListReassignments.Ongoing ongoing : response.reassignments()) {
            byTopic.computeIfAbsent(ongoing.partition().topic(), t -> new ArrayList<>())
                    .add(new OngoingPartitionReassignment().setPartitionIndex(ongoing.partition().partition())
                            .setReplicas(new ArrayList<>(ongoing.replicas()))
                            .setAddingReplicas(new ArrayList<>(ongoing.addingReplicas()))
                            .setRemovingReplicas(new ArrayList<>(ongoing.removingReplicas())));
        }
        ListPartitionReassignmentsResponseData data = new ListPartitionReassignmentsResponseData()
                .setErrorCode(Errors.NONE.code());
        byTopic.forEach((topic, partitions) -> data.topics().add(
                new OngoingTopicReassignment().setName(topic).setPartitions(partitions)));
        return new ListPartitionReassignmentsResponse(data);
    }
}
