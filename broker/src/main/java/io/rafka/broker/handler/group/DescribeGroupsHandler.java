package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupCoordinator;
import io.rafka.broker.group.GroupState;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeGroupsResponse;

/**
 * DescribeGroups: state, protocol and members of each group (metadata and assignment only when Stable). An
 * unknown group is Dead with no members; from v6 it is answered GROUP_ID_NOT_FOUND (KIP-1043), as Kafka does.
 *
 * <p>Thread-safe: no state of its own.
 */
final class DescribeGroupsHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    DescribeGroupsHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_GROUPS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        DescribeGroupsRequestData data = (DescribeGroupsRequestData) request.data();
        short version = request.version();
        List<CompletableFuture<DescribedGroup>> groups = new ArrayList<>();
        for (String groupId : data.groups()) {
            groups.add(shell.runForGroup(groupId, error -> failed(groupId, error),
                    (core, respond) -> respond.accept(toWire(core.describeGroup(groupId), version))));
        }
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            DescribeGroupsResponseData response = new DescribeGroupsResponseData();
            groups.forEach(group -> response.groups().add(group.join()));
            return new DescribeGroupsResponse(response);
        });
    }

    private static DescribedGroup toWire(GroupCoordinator.GroupDescription group, short version) {
        DescribedGroup described = new DescribedGroup().setGroupId(group.groupId())
                .setGroupState(group.state().kafkaName()).setProtocolType(group.protocolType())
                .setProtocolData(group.protocolName()).setErrorCode(Errors.NONE.code());
        if (group.state() == GroupState.DEAD && group.members().isEmpty() && version >= 6) {
            return described.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code())
                    .setErrorMessage("Group " + group.groupId() + " not found.");
        }
        for (GroupCoordinator.MemberDescription member : group.members()) {
            described.members().add(new DescribedGroupMember().setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId()).setClientId(member.clientId())
                    .setClientHost(member.clientHost()).setMemberMetadata(member.metadata())
                    .setMemberAssignment(member.assignment()));
        }
        return described;
    }

    private static DescribedGroup failed(String groupId, Errors error) {
        return new DescribedGroup().setGroupId(groupId).setErrorCode(error.code()).setGroupState("")
                .setProtocolType("").setProtocolData("");
    }
}
