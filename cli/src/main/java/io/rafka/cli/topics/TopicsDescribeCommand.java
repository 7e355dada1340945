package io.rafka.cli.topics;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka topics describe [NAME...]}: one row per partition with leader, replicas (preferred
 * leader marked '*'), ISR, status markers and the records lost to unclean elections.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "describe", description = "Describe partitions of topics (all topics if none named).",
        footer = {"", "REPLICAS marks the preferred leader with '*'. STATUS: ok, offline (no leader),",
            "under-replicated (ISR smaller than replicas), not-preferred (another replica leads).",
            "UNCLEAN-LOSS: records discarded by unclean elections; '-' when the broker does not report it."})
public final class TopicsDescribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;
    private final UncleanLossSource uncleanLossSource;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Topics to describe.")
    List<String> topics = List.of();

    TopicsDescribeCommand(CliEnvironment environment) {
        this(environment, new TopicConfigUncleanLoss());
    }

    TopicsDescribeCommand(CliEnvironment environment, UncleanLossSource uncleanLossSource) {
        this.environment = environment;
        this.uncleanLossSource = uncleanLossSource;
    }

    @Override
    public Integer call() {
        List<PartitionView> partitions;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            Collection<String> names = topics.isEmpty()
                    ? new TreeSet<>(session.await(session.admin().listTopics().names(), "list topics"))
                    : topics;
            Map<String, TopicDescription> descriptions = session.await(
                    session.admin().describeTopics(names).allTopicNames(), "describe topic " + String.join(",", names));
            Map<TopicPartition, Long> lost = uncleanLossSource.recordsLost(session, names);
            partitions = views(names, descriptions, lost);
        }
        output.print(environment, partitions, render(partitions));
        return 0;
    }

    static List<PartitionView> views(
            Collection<String> names, Map<String, TopicDescription> descriptions, Map<TopicPartition, Long> lost) {
        List<PartitionView> views = new ArrayList<>();
        for (String name : names) {
            List<TopicPartitionInfo> infos = new ArrayList<>(descriptions.get(name).partitions());
            infos.sort(Comparator.comparingInt(TopicPartitionInfo::partition));
            for (TopicPartitionInfo info : infos) {
                Long recordsLost = lost.get(new TopicPartition(name, info.partition()));
                views.add(PartitionView.of(name, info,
                        recordsLost == null ? OptionalLong.empty() : OptionalLong.of(recordsLost)));
            }
        }
        return views;
    }

    static Table render(List<PartitionView> partitions) {
        Table table = new Table("TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "STATUS", "UNCLEAN-LOSS");
        for (PartitionView p : partitions) {
            table.addRow(p.topic(), p.partition(), p.leader() == null ? "none" : p.leader(), p.replicasMarked(),
                    p.isrJoined(), p.status(), p.recordsLostToUncleanElection());
        }
        return table;
    }
}
