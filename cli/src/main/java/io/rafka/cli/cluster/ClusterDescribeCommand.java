package io.rafka.cli.cluster;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rafka cluster describe}: cluster id, active controller, and every registered broker with
 * its fenced/active state, listener and rack.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "describe", description = "Show cluster id, controller and brokers.")
final class ClusterDescribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    ClusterDescribeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The JSON form. */
    record ClusterView(String clusterId, Integer controller, List<BrokerView> brokers) {}

    /** One broker. The listener is the one this client connects through (Metadata returns one per broker). */
    record BrokerView(int id, String listener, String rack, String state, boolean controller) {}

    @Override
    public Integer call() {
        ClusterView view;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            DescribeClusterResult result = session.admin().describeCluster(
                    new DescribeClusterOptions().includeFencedBrokers(true));
            String clusterId = session.await(result.clusterId(), "describe cluster");
            Node controller = session.await(result.controller(), "describe cluster");
            Collection<Node> nodes = session.await(result.nodes(), "describe cluster");
            Integer controllerId = controller == null || controller.isEmpty() ? null : controller.id();
            List<BrokerView> brokers = nodes.stream()
                    .sorted(Comparator.comparingInt(Node::id))
                    .map(node -> new BrokerView(node.id(), node.host() + ":" + node.port(), node.rack(),
                            node.isFenced() ? "fenced" : "active", controllerId != null && node.id() == controllerId))
                    .toList();
            view = new ClusterView(clusterId, controllerId, brokers);
        }
        Table table = new Table("BROKER", "LISTENER", "RACK", "STATE", "CONTROLLER");
        view.brokers().forEach(b -> table.addRow(b.id(), b.listener(), b.rack(), b.state(), b.controller() ? "yes" : ""));
        if (output.format() == io.rafka.cli.support.OutputFormat.TABLE) {
            environment.out().println("Cluster id: " + view.clusterId());
            environment.out().println("Controller: " + (view.controller() == null ? "none" : view.controller()));
            environment.out().println();
        }
        output.print(environment, view, table);
        return 0;
    }
}
