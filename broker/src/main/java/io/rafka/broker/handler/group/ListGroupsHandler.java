package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupCoordinator;
import io.rafka.broker.group.GroupState;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListGroupsResponse;

/**
 * ListGroups: the groups of every offsets partition this node coordinates, optionally filtered by state (v4+)
 * and type (v5+; every Rafka group is of type {@code classic}). While a partition is loading the answer carries
 * COORDINATOR_LOAD_IN_PROGRESS with the groups known so far, as Kafka answers.
 *
 * <p>Thread-safe: no state of its own.
 */
final class ListGroupsHandler implements ApiHandler {

    static final String CLASSIC = "classic";

    private final GroupCoordinatorShell shell;

    ListGroupsHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_GROUPS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        ListGroupsRequestData data = (ListGroupsRequestData) request.data();
        Set<GroupState> states = new HashSet<>();
        data.statesFilter().forEach(name -> {
            GroupState state = GroupState.fromKafkaName(name);
            if (state != null) {
                states.add(state);
            }
        });
        boolean unknownStatesOnly = !data.statesFilter().isEmpty() && states.isEmpty();
        boolean classicWanted = data.typesFilter().isEmpty()
                || data.typesFilter().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(CLASSIC));
        return shell.<AbstractResponse>runOnAllCores((cores, loading) -> {
            ListGroupsResponseData response = new ListGroupsResponseData()
                    .setErrorCode(loading ? Errors.COORDINATOR_LOAD_IN_PROGRESS.code() : Errors.NONE.code());
            if (!unknownStatesOnly && classicWanted) {
                for (GroupCoordinator core : cores) {
                    for (GroupCoordinator.GroupListing group : core.listGroups(states)) {
                        response.groups().add(new ListedGroup().setGroupId(group.groupId())
                                .setProtocolType(group.protocolType()).setGroupState(group.state().kafkaName())
                                .setGroupType(CLASSIC));
                    }
                }
            }
            return new ListGroupsResponse(response);
        }, error -> new ListGroupsResponse(new ListGroupsResponseData().setErrorCode(error.code())
                .setGroups(List.of())));
    }
}
