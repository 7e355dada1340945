package io.rafka.cli.groups;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputFormat;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka groups describe GROUP}: per partition the committed offset, log end, lag and the
 * member that owns it, as {@code kafka-consumer-groups --describe} shows.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "describe", description = "Show a consumer group's offsets, lag and members.")
final class GroupsDescribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "GROUP", description = "Group id.")
    String group;

    GroupsDescribeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The JSON form. */
    record GroupDescriptionView(String group, String state, List<PartitionLag> partitions) {}

    /** One partition; offsets are null when none is committed yet, owner fields when unassigned. */
    record PartitionLag(String topic, int partition, Long committedOffset, long logEndOffset, Long lag,
            String consumerId, String host, String clientId) {}

    @Override
    public Integer call() {
        GroupDescriptionView view;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            ConsumerGroupDescription description = session.await(
                    session.admin().describeConsumerGroups(List.of(group)).describedGroups().get(group),
                    "describe group " + group);
            if (description.groupState() == GroupState.DEAD) {
                throw new CliException("group " + group + " does not exist");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = session.await(
                    session.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "list offsets of group " + group);
            Map<TopicPartition, MemberDescription> owners = new HashMap<>();
            description.members().forEach(member ->
                    member.assignment().topicPartitions().forEach(partition -> owners.put(partition, member)));
            Set<TopicPartition> partitions = new TreeSet<>(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            partitions.addAll(committed.keySet());
            partitions.addAll(owners.keySet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> logEnds = partitions.isEmpty() ? Map.of()
                    : session.await(session.admin().listOffsets(latest).all(), "list log end offsets");
            List<PartitionLag> lags = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long logEnd = logEnds.get(partition).offset();
                MemberDescription owner = owners.get(partition);
                Long committedOffset = offset == null ? null : offset.offset();
                lags.add(new PartitionLag(partition.topic(), partition.partition(), committedOffset, logEnd,
                        committedOffset == null ? null : Math.max(0, logEnd - committedOffset),
                        owner == null ? null : owner.consumerId(), owner == null ? null : owner.host(),
                        owner == null ? null : owner.clientId()));
            }
            view = new GroupDescriptionView(group, description.groupState().toString().toLowerCase(Locale.ROOT), lags);
        }
        Table table = new Table("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
        view.partitions().forEach(p -> table.addRow(p.topic(), p.partition(), p.committedOffset(), p.logEndOffset(),
                p.lag(), p.consumerId(), p.host(), p.clientId()));
        if (output.format() == OutputFormat.TABLE) {
            environment.out().println("Group: " + view.group() + "  State: " + view.state());
            environment.out().println();
        }
        output.print(environment, view, table);
        return 0;
    }
}
