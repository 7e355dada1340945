package io.rafka.broker.handler.group;

import io.rafka.broker.group.JoinGroupRequest;
import io.rafka.broker.group.JoinGroupResult;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupResponse;

/**
 * JoinGroup (classic protocol) on the coordinator thread; the answer may wait for the rebalance to complete.
 * From v4 a new member first gets MEMBER_ID_REQUIRED with its id (KIP-394); before v1 the rebalance timeout is
 * the session timeout.
 *
 * <p>Thread-safe: no state of its own.
 */
final class JoinGroupApiHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    JoinGroupApiHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        JoinGroupRequestData data = (JoinGroupRequestData) request.data();
        short version = request.version();
        List<JoinGroupRequest.Protocol> protocols = new ArrayList<>();
        for (JoinGroupRequestProtocol protocol : data.protocols()) {
            protocols.add(new JoinGroupRequest.Protocol(protocol.name(), protocol.metadata()));
        }
        String clientId = context.clientId() == null ? "" : context.clientId();
        int rebalanceTimeoutMs = version >= 1 ? data.rebalanceTimeoutMs() : data.sessionTimeoutMs();
        JoinGroupRequest join = new JoinGroupRequest(data.groupId(), data.memberId(), data.groupInstanceId(),
                clientId, context.clientAddress().toString(), data.sessionTimeoutMs(), rebalanceTimeoutMs,
                data.protocolType(), protocols, version >= 4);
        return shell.<AbstractResponse>runForGroup(data.groupId(),
                error -> toResponse(JoinGroupResultErrors.of(error, data.memberId()), version),
                (core, respond) -> core.handleJoinGroup(join, shell.nowMs(),
                        result -> respond.accept(toResponse(result, version))));
    }

    static AbstractResponse toResponse(JoinGroupResult result, short version) {
        JoinGroupResponseData data = new JoinGroupResponseData().setErrorCode(result.error().code())
                .setGenerationId(result.generationId())
                .setProtocolType(result.protocolType())
                .setProtocolName(result.protocolName() == null && version < 7 ? "" : result.protocolName())
                .setLeader(result.leaderId() == null ? "" : result.leaderId())
                .setSkipAssignment(result.skipAssignment())
                .setMemberId(result.memberId() == null ? "" : result.memberId());
        for (JoinGroupResult.Member member : result.members()) {
            data.members().add(new JoinGroupResponseMember().setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId()).setMetadata(member.metadata()));
        }
        return new JoinGroupResponse(data, version);
    }
}
