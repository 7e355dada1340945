package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import java.util.List;

/**
 * The admin API handlers of a node, to register with the server's {@code ApiHandlerRegistry}.
 *
 * <p>Stateless, thread-safe.
 */
public final class AdminHandlers {

    private AdminHandlers() {}

    public static List<ApiHandler> create(AdminContext context) {
        return List.of(
                new CreateTopicsHandler(context),
                new DeleteTopicsHandler(context),
                new CreatePartitionsHandler(context),
                new DescribeConfigsHandler(context),
                new AlterConfigsHandler(context),
                new IncrementalAlterConfigsHandler(context),
                new DescribeClusterHandler(context),
                new ElectLeadersHandler(context),
                new AlterPartitionReassignmentsHandler(context),
                new ListPartitionReassignmentsHandler(context),
                new DescribeQuorumHandler(context),
                new DescribeLogDirsHandler(context));
    }
}
