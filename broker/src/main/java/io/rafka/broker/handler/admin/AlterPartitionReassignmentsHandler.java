package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignableTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.ApiError;

/**
 * AlterPartitionReassignments: start (target replicas) or cancel (null replicas) per partition, through the
 * controller. The answer says the reassignment was accepted and recorded, not that it finished (as in Kafka).
 *
 * <p>NB: v1's {@code allowReplicationFactorChange=false} is not enforced: the controller API has no such flag.
 *
 * <p>Thread-safe: no state of its own.
 */
final class AlterPartitionReassignmentsHandler implements ApiHandler {

    private final AdminContext context;

    AlterPartitionReassignmentsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALTER_PARTITION_REASSIGNMENTS;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        AlterPartitionReassignmentsRequest alter = (AlterPartitionReassignmentsRequest) request;
        List<AlterReassignments.Item> items = new ArrayList<>();
        for (ReassignableTopic topic : alter.data().topics()) {
            for (ReassignablePartition partition : topic.partitions()) {
                items.add(new AlterReassignments.Item(new TopicPartition(topic.name(), partition.partitionIndex()),
                        partition.replicas() == null ? null : List.copyOf(partition.replicas())));
            }
        }
        return context.controller().alterPartitionReassignments(new AlterReassignments.Request(items))
                .handle((response, failure) -> {
                    if (failure != null) {
                        ApiError error = AdminErrors.fromFailure(failure);
                        return new AlterPartitionReassignmentsResponse(new AlterPartitionReassignmentsResponseData()
                                .setErrorCode(error.error().code()).setErrorMessage(error.message()));
                    }
                    return respond(response);
                });
    }

    private static AbstractResponse respond(AlterReassignments.Response response) {
        Map<String, List<ReassignablePartitionResponse>> byTopic = new LinkedHashMap<>();
        for (AlterReassignments.Result result : response.results()) {
            ApiError error = AdminErrors.toApiError(result.error());
            byTopic.computeIfAbsent(result.partition().topic(), t -> new ArrayList<>())
                    .add(new ReassignablePartitionResponse().setPartitionIndex(result.partition().partition())
                            .setErrorCode(error.error().code()).setErrorMessage(error.message()));
        }
        AlterPartitionReassignmentsResponseData data = new AlterPartitionReassignmentsResponseData()
                .setErrorCode(Errors.NONE.code());
        byTopic.forEach((topic, partitions) -> data.responses().add(
                new ReassignableTopicResponse().setName(topic).setPartitions(partitions)));
        return new AlterPartitionReassignmentsResponse(data);
    }
}
