package io.rafka.cli.groups;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rafka groups reset-offsets GROUP --topic T (--to-earliest|--to-latest|--to-offset N|--to-datetime ISO) [--execute]}.
 * Without {@code --execute} it only prints the new offsets (a dry run, as in Kafka). The group
 * must have no active members for the reset to be accepted.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "reset-offsets", description = "Move a group's committed offsets (dry run unless --execute).")
final class GroupsResetOffsetsCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "GROUP", description = "Group id.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic whose offsets move.")
    String topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to-earliest", required = true, description = "The log start of each partition.")
        boolean earliest;
        @Option(names = "--to-latest", required = true, description = "The log end of each partition.")
        boolean latest;
        @Option(names = "--to-offset", required = true, paramLabel = "N", description = "Offset N (clamped into the log).")
        Long offset;
        @Option(names = "--to-datetime", required = true, paramLabel = "ISO",
                description = "First offset at or after this time, e.g. 2026-11-23T08:00:00Z (no zone: UTC).")
        String datetime;
    }

    @Option(names = "--execute", description = "Commit the new offsets (otherwise only show them).")
    boolean execute;

    GroupsResetOffsetsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** One partition's move; also its JSON form. */
    record OffsetReset(String topic, int partition, Long currentOffset, long newOffset) {}

    @Override
    public Integer call() {
        Long timestampMs = target.datetime == null ? null : parseDatetime(target.datetime);
        List<OffsetReset> resets = new ArrayList<>();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            List<TopicPartition> partitions = new ArrayList<>();
            session.await(session.admin().describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic)
                    .get(topic).partitions().forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            Map<TopicPartition, Long> starts = offsets(session, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = offsets(session, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> atTime = timestampMs == null ? Map.of()
                    : offsets(session, partitions, OffsetSpec.forTimestamp(timestampMs));
            Map<TopicPartition, OffsetAndMetadata> committed = session.await(
                    session.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "list offsets of group " + group);
            Map<TopicPartition, OffsetAndMetadata> newOffsets = new LinkedHashMap<>();
            for (TopicPartition partition : partitions) {
                long requested = target.earliest ? starts.get(partition)
                        : target.latest ? ends.get(partition)
                        : target.offset != null ? target.offset
                        : atTime.get(partition);
                long newOffset = OffsetTarget.clamp(requested, starts.get(partition), ends.get(partition));
                OffsetAndMetadata current = committed.get(partition);
                resets.add(new OffsetReset(topic, partition.partition(), current == null ? null : current.offset(), newOffset));
                newOffsets.put(partition, new OffsetAndMetadata(newOffset));
            }
            if (execute) {
                session.await(session.admin().alterConsumerGroupOffsets(group, newOffsets).all(),
                        "reset offsets of group " + group + " (it must have no active members)");
            }
        }
        Table table = new Table("TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
        resets.forEach(r -> table.addRow(r.topic(), r.partition(), r.currentOffset(), r.newOffset()));
        output.print(environment, Json.object("group", group, "executed", execute, "partitions", resets), table);
        if (!execute) {
            environment.err().println("Dry run: nothing committed. Add --execute to apply.");
            environment.err().flush();
        }
        return 0;
    }

    private Map<TopicPartition, Long> offsets(ClusterSession session, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> infos =
                session.await(session.admin().listOffsets(request).all(), "list offsets of topic " + topic);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private long parseDatetime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException notIso) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--to-datetime '" + text + "' is not an ISO date-time like 2026-11-23T08:00:00Z");
                }
            }
        }
    }
}
