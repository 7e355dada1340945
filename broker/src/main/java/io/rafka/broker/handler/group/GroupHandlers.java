package io.rafka.broker.handler.group;

import io.rafka.broker.network.ApiHandler;
import java.util.List;

/**
 * The consumer-group API handlers (classic protocol) over one {@link GroupCoordinatorShell}, to register with
 * the server's {@code ApiHandlerRegistry}.
 *
 * <p>Stateless, thread-safe.
 */
public final class GroupHandlers {

    private GroupHandlers() {}

    public static List<ApiHandler> create(GroupCoordinatorShell shell) {
        return List.of(
                new FindCoordinatorHandler(shell),
                new JoinGroupApiHandler(shell),
                new SyncGroupApiHandler(shell),
                new HeartbeatHandler(shell),
                new LeaveGroupHandler(shell),
                new OffsetCommitHandler(shell),
                new OffsetFetchHandler(shell),
                new ListGroupsHandler(shell),
                new DescribeGroupsHandler(shell),
                new DeleteGroupsHandler(shell),
                new OffsetDeleteHandler(shell));
    }
}
