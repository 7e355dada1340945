package io.rafka.cli.topics;

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
 * {@code rafka topics delete NAME...}.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "delete", description = "Delete topics and all their data.")
final class TopicsDeleteCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Topic names.")
    List<String> topics;

    TopicsDeleteCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            session.await(session.admin().deleteTopics(topics).all(), "delete topic " + String.join(",", topics));
        }
        Table table = new Table("TOPIC", "RESULT");
        topics.forEach(topic -> table.addRow(topic, "deleted"));
        output.print(environment, Map.of("deleted", topics), table);
        return 0;
    }
}
