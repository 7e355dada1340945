package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupCoordinator;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.LeaveGroupResponse;

/**
 * LeaveGroup: one member by id (v0-2), or a batch of members by id and/or {@code group.instance.id} (v3+, what
 * {@code removeMembersFromConsumerGroup} sends), each answered on its own.
 *
 * <p>Thread-safe: no state of its own.
 */
final class LeaveGroupHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    LeaveGroupHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LEAVE_GROUP;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        LeaveGroupRequestData data = (LeaveGroupRequestData) request.data();
        short version = request.version();
        List<GroupCoordinator.LeavingMember> leaving = new ArrayList<>();
        if (version < 3) {
            leaving.add(new GroupCoordinator.LeavingMember(data.memberId(), null));
        } else {
            for (MemberIdentity member : data.members()) {
                leaving.add(new GroupCoordinator.LeavingMember(member.memberId(), member.groupInstanceId()));
            }
        }
        return shell.<AbstractResponse>runForGroup(data.groupId(),
                error -> toResponse(new GroupCoordinator.LeaveGroupResult(error, List.of()), leaving, version),
                (core, respond) -> respond.accept(toResponse(
                        core.handleLeaveGroup(data.groupId(), leaving, shell.nowMs()), leaving, version)));
    }

    private static AbstractResponse toResponse(GroupCoordinator.LeaveGroupResult result,
                                               List<GroupCoordinator.LeavingMember> leaving, short version) {
        LeaveGroupResponseData data = new LeaveGroupResponseData();
        if (version < 3) {
            // One member: its own error is the answer.
            Errors error = result.error() != Errors.NONE || result.memberErrors().isEmpty()
                    ? result.error() : result.memberErrors().get(0);
            return new LeaveGroupResponse(data.setErrorCode(error.code()), version);
        }
        data.setErrorCode(result.error().code());
        for (int i = 0; i < result.memberErrors().size(); i++) {
            data.members().add(new MemberResponse().setMemberId(leaving.get(i).memberId())
                    .setGroupInstanceId(leaving.get(i).groupInstanceId())
                    .setErrorCode(result.memberErrors().get(i).code()));
        }
        return new LeaveGroupResponse(data, version);
    }
}
