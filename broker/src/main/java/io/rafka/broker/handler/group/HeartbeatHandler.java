package io.rafka.broker.handler.group;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatResponse;

/**
 * Heartbeat: keeps a member's session alive and tells it (REBALANCE_IN_PROGRESS) when it must rejoin.
 *
 * <p>Thread-safe: no state of its own.
 */
final class HeartbeatHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    HeartbeatHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.HEARTBEAT;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        HeartbeatRequestData data = (HeartbeatRequestData) request.data();
        return shell.<AbstractResponse>runForGroup(data.groupId(), HeartbeatHandler::toResponse,
                (core, respond) -> respond.accept(toResponse(core.handleHeartbeat(data.groupId(), data.memberId(),
                        data.groupInstanceId(), data.generationId(), shell.nowMs()))));
    }

    private static AbstractResponse toResponse(Errors error) {
        return new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error.code()));
    }
}
