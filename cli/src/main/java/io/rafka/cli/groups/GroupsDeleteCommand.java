package io.rafka.cli.groups;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka groups delete GROUP...}: removes empty groups and their committed offsets.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "delete", description = "Delete empty consumer groups and their committed offsets.")
final class GroupsDeleteCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "GROUP", description = "Group ids.")
    List<String> groups;

    GroupsDeleteCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            session.await(session.admin().deleteConsumerGroups(groups).all(), "delete group " + String.join(",", groups));
        }
        Table table = new Table("GROUP", "RESULT");
        groups.forEach(group -> table.addRow(group, "deleted"));
        output.print(environment, Map.of("deleted", groups), table);
        return 0;
    }
}
