package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.CreatePartitions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;

/**
 * CreatePartitions: grows topics to a new total, with optional replica assignments for the new partitions;
 * validated and written by the controller, answered once committed (or at once with {@code validateOnly}).
 *
 * <p>Thread-safe: no state of its own.
 */
final class CreatePartitionsHandler implements ApiHandler {

    private final AdminContext context;

    CreatePartitionsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        CreatePartitionsRequest create = (CreatePartitionsRequest) request;
        List<CreatePartitions.Topic> topics = new ArrayList<>();
        for (CreatePartitionsTopic topic : create.data().topics()) {
            List<List<Integer>> assignments = new ArrayList<>();
            if (topic.assignments() != null) {
                for (CreatePartitionsAssignment assignment : topic.assignments()) {
                    assignments.add(List.copyOf(assignment.brokerIds()));
                }
            }
            topics.add(new CreatePartitions.Topic(topic.name(), topic.count(), assignments));
        }
        if (topics.isEmpty()) {
            return CompletableFuture.completedFuture(new CreatePartitionsResponse(new CreatePartitionsResponseData()));
        }
        return context.controller().createPartitions(new CreatePartitions.Request(topics, create.data().validateOnly()))
                .handle((response, failure) -> failure != null
                        ? failedAll(topics, AdminErrors.fromFailure(failure))
                        : respond(response));
    }

    private static AbstractResponse respond(CreatePartitions.Response response) {
        CreatePartitionsResponseData data = new CreatePartitionsResponseData();
        for (CreatePartitions.Result result : response.results()) {
            ApiError error = AdminErrors.toApiError(result.error());
            data.results().add(new CreatePartitionsTopicResult().setName(result.name())
                    .setErrorCode(error.error().code()).setErrorMessage(error.message()));
        }
        return new CreatePartitionsResponse(data);
    }

    private static AbstractResponse failedAll(List<CreatePartitions.Topic> topics, ApiError error) {
        CreatePartitionsResponseData data = new CreatePartitionsResponseData();
        topics.forEach(topic -> data.results().add(new CreatePartitionsTopicResult().setName(topic.name())
                .setErrorCode(error.error().code()).setErrorMessage(error.message())));
        return new CreatePartitionsResponse(data);
    }
}
