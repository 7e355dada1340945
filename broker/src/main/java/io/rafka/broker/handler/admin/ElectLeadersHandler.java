package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.TopicPartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.message.ElectLeadersRequestData.TopicPartitions;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.ElectLeadersResponse;

/**
 * ElectLeaders, preferred (v0 has no type: preferred) or unclean, for the named partitions or, with a null list,
 * for every partition. The controller decides and writes; each partition's answer (ELECTION_NOT_NEEDED,
 * PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, ...) comes once the changes commit.
 *
 * <p>Thread-safe: no state of its own.
 */
final class ElectLeadersHandler implements ApiHandler {

    private final AdminContext context;

    ElectLeadersHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ELECT_LEADERS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        ElectLeadersRequest elect = (ElectLeadersRequest) request;
        ElectLeaders.ElectionType type = request.version() >= 1
                && ElectionType.valueOf(elect.data().electionType()) == ElectionType.UNCLEAN
                ? ElectLeaders.ElectionType.UNCLEAN : ElectLeaders.ElectionType.PREFERRED;
        List<TopicPartition> partitions = null;
        if (elect.data().topicPartitions() != null) {
            partitions = new ArrayList<>();
            for (TopicPartitions topic : elect.data().topicPartitions()) {
                for (int partition : topic.partitions()) {
                    partitions.add(new TopicPartition(topic.topic(), partition));
                }
            }
        }
        List<TopicPartition> requested = partitions;
        return context.controller().electLeaders(new ElectLeaders.Request(type, partitions))
                .handle((response, failure) -> failure != null
                        ? failedAll(requested, AdminErrors.fromFailure(failure))
                        : respond(response));
    }

    private static AbstractResponse respond(ElectLeaders.Response response) {
        Map<String, List<PartitionResult>> byTopic = new LinkedHashMap<>();
        for (ElectLeaders.Result result : response.results()) {
            ApiError error = AdminErrors.toApiError(result.error());
            byTopic.computeIfAbsent(result.partition().topic(), t -> new ArrayList<>()).add(new PartitionResult()
                    .setPartitionId(result.partition().partition()).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        ElectLeadersResponseData data = new ElectLeadersResponseData().setErrorCode(Errors.NONE.code());
        byTopic.forEach((topic, results) -> data.replicaElectionResults().add(
                new ReplicaElectionResult().setTopic(topic).setPartitionResult(results)));
        return new ElectLeadersResponse(data);
    }

    /** A controller failure: the whole request failed (Kafka's top-level error), per partition too for v0. */
    private static AbstractResponse failedAll(List<TopicPartition> partitions, ApiError error) {
        Map<String, List<PartitionResult>> byTopic = new LinkedHashMap<>();
        if (partitions != null) {
            for (TopicPartition partition : partitions) {
                byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(new PartitionResult()
                        .setPartitionId(partition.partition()).setErrorCode(error.error().code())
                        .setErrorMessage(error.message()));
            }
        }
        ElectLeadersResponseData data = new ElectLeadersResponseData().setErrorCode(error.error().code());
        byTopic.forEach((topic, results) -> data.replicaElectionResults().add(
                new ReplicaElectionResult().setTopic(topic).setPartitionResult(results)));
        return new ElectLeadersResponse(data);
    }
}
