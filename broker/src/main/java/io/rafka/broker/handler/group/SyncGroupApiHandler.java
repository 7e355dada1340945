package io.rafka.broker.handler.group;

import io.rafka.broker.group.SyncGroupRequest;
import io.rafka.broker.group.SyncGroupResult;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.SyncGroupResponse;

/**
 * SyncGroup: the leader's assignment is persisted to {@code __consumer_offsets} before any member gets its
 * share; followers wait on the coordinator for it.
 *
 * <p>Thread-safe: no state of its own.
 */
final class SyncGroupApiHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    SyncGroupApiHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        SyncGroupRequestData data = (SyncGroupRequestData) request.data();
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment assignment : data.assignments()) {
            assignments.put(assignment.memberId(), assignment.assignment());
        }
        SyncGroupRequest sync = new SyncGroupRequest(data.groupId(), data.generationId(), data.memberId(),
                data.groupInstanceId(), data.protocolType(), data.protocolName(), assignments);
        return shell.<AbstractResponse>runForGroup(data.groupId(),
                error -> toResponse(new SyncGroupResult(error, null, null, new byte[0])),
                (core, respond) -> core.handleSyncGroup(sync, shell.nowMs(),
                        result -> respond.accept(toResponse(result))));
    }

    private static AbstractResponse toResponse(SyncGroupResult result) {
        return new SyncGroupResponse(new SyncGroupResponseData().setErrorCode(result.error().code())
                .setProtocolType(result.protocolType()).setProtocolName(result.protocolName())
                .setAssignment(result.assignment() == null ? new byte[0] : result.assignment()));
    }
}
