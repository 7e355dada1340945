package io.rafka.broker.handler.group;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsResponse;

/**
 * DeleteGroups: each Empty group is removed with its offsets once the tombstones are durable; a group with
 * members gets NON_EMPTY_GROUP, an unknown one GROUP_ID_NOT_FOUND.
 *
 * <p>Thread-safe: no state of its own.
 */
final class DeleteGroupsHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    DeleteGroupsHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        DeleteGroupsRequestData data = (DeleteGroupsRequestData) request.data();
        List<CompletableFuture<DeletableGroupResult>> results = new ArrayList<>();
        for (String groupId : data.groupsNames()) {
            results.add(shell.runForGroup(groupId, error -> result(groupId, error),
                    (core, respond) -> core.handleDeleteGroup(groupId, shell.nowMs(),
                            error -> respond.accept(result(groupId, error)))));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            DeleteGroupsResponseData response = new DeleteGroupsResponseData();
            results.forEach(result -> response.results().add(result.join()));
            return new DeleteGroupsResponse(response);
        });
    }

    private static DeletableGroupResult result(String groupId, Errors error) {
        return new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code());
    }
}
