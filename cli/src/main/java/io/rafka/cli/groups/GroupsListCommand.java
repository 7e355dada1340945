package io.rafka.cli.groups;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.GroupListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rafka groups list}: every group the coordinators know, with its type and state.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "list", description = "List groups.")
final class GroupsListCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    GroupsListCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** One group; also its JSON form. */
    record GroupView(String group, String type, String protocol, String state) {}

    @Override
    public Integer call() {
        Collection<GroupListing> listings;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            listings = session.await(session.admin().listGroups().all(), "list groups");
        }
        List<GroupView> groups = listings.stream()
                .sorted(Comparator.comparing(GroupListing::groupId))
                .map(g -> new GroupView(g.groupId(),
                        g.type().map(t -> t.toString().toLowerCase(Locale.ROOT)).orElse(null),
                        g.protocol().isEmpty() ? null : g.protocol(),
                        g.groupState().map(s -> s.toString().toLowerCase(Locale.ROOT)).orElse(null)))
                .toList();
        Table table = new Table("GROUP", "TYPE", "PROTOCOL", "STATE");
        groups.forEach(g -> table.addRow(g.group(), g.type(), g.protocol(), g.state()));
        output.print(environment, groups, table);
        return 0;
    }
}
