package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.DeleteTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;

/**
 * DeleteTopics by name (all versions) or by topic id (v6+), through the controller; the answer comes once the
 * removal records commit. Each broker drops its replicas' logs when it applies the removal (the node's job).
 *
 * <p>Thread-safe: no state of its own.
 */
final class DeleteTopicsHandler implements ApiHandler {

    private final AdminContext context;

    DeleteTopicsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        DeleteTopicsRequest delete = (DeleteTopicsRequest) request;
        List<String> names = new ArrayList<>(delete.data().topicNames());
        List<UUID> ids = new ArrayList<>();
        for (DeleteTopicState topic : delete.data().topics()) {
            if (topic.name() != null) {
                names.add(topic.name());
            } else {
                ids.add(Uuids.toJava(topic.topicId()));
            }
        }
        if (names.isEmpty() && ids.isEmpty()) {
            return CompletableFuture.completedFuture(new DeleteTopicsResponse(new DeleteTopicsResponseData()));
        }
        return context.controller().deleteTopics(new DeleteTopics.Request(names, ids))
                .handle((response, failure) -> failure != null
                        ? failedAll(names, ids, AdminErrors.fromFailure(failure))
                        : respond(response));
    }

    private static AbstractResponse respond(DeleteTopics.Response response) {
        DeleteTopicsResponseData data = new DeleteTopicsResponseData();
        for (DeleteTopics.Result result : response.results()) {
            ApiError error = AdminErrors.toApiError(result.error());
            data.responses().add(new DeletableTopicResult().setName(result.name())
                    .setTopicId(Uuids.toKafka(result.topicId())).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        return new DeleteTopicsResponse(data);
    }

    private static AbstractResponse failedAll(List<String> names, List<UUID> ids, ApiError error) {
        DeleteTopicsResponseData data = new DeleteTopicsResponseData();
        names.forEach(name -> data.responses().add(new DeletableTopicResult().setName(name)
                .setErrorCode(error.error().code()).setErrorMessage(error.message())));
        ids.forEach(id -> data.responses().add(new DeletableTopicResult().setName(null).setTopicId(Uuids.toKafka(id))
                .setErrorCode(error.error().code()).setErrorMessage(error.message())));
        return new DeleteTopicsResponse(data);
    }
}
