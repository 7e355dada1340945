package io.rafka.cli.topics;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka topics list}: every topic with its partition count and replication factor.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "list", description = "List topics.")
final class TopicsListCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Option(names = "--internal", description = "Include internal topics (__consumer_offsets, ...).")
    boolean includeInternal;

    TopicsListCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** One line of the listing; also its JSON form. */
    record TopicSummary(String topic, int partitions, int replicationFactor) {}

    @Override
    public Integer call() {
        List<TopicSummary> summaries = new ArrayList<>();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            Set<String> names = new TreeSet<>(session.await(
                    session.admin().listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(),
                    "list topics"));
            Map<String, TopicDescription> descriptions = session.await(
                    session.admin().describeTopics(names).allTopicNames(), "describe topics");
            for (String name : names) {
                TopicDescription description = descriptions.get(name);
                int replicationFactor = description.partitions().isEmpty()
                        ? 0 : description.partitions().get(0).replicas().size();
                summaries.add(new TopicSummary(name, description.partitions().size(), replicationFactor));
            }
        }
        Table table = new Table("TOPIC", "PARTITIONS", "REPLICATION-FACTOR");
        summaries.forEach(s -> table.addRow(s.topic(), s.partitions(), s.replicationFactor()));
        output.print(environment, summaries, table);
        return 0;
    }
}
