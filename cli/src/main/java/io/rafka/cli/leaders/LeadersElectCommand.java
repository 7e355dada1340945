package io.rafka.cli.leaders;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClientErrors;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rafka leaders elect --preferred|--unclean (--all | --topic T [--partition P])}. A
 * partition whose leader is already the one asked for reports "not needed", which is no error.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "elect", description = "Elect the preferred leader, or any live replica (unclean: may lose data).")
final class LeadersElectCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    static final class Kind {
        @Option(names = "--preferred", required = true, description = "Move leadership back to the first replica.")
        boolean preferred;
        @Option(names = "--unclean", required = true,
                description = "Elect a live replica outside the ISR for offline partitions; records it lacks are lost.")
        boolean unclean;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
        @Option(names = "--all", required = true, description = "Every partition of every topic.")
        boolean all;
        @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "One topic's partitions.")
        String topic;
    }

    @Option(names = {"-p", "--partition"}, paramLabel = "P", description = "Only this partition of --topic.")
    Integer partition;

    LeadersElectCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** One partition's outcome; also its JSON form. */
    record ElectionResult(String topic, int partition, String result) {}

    @Override
    public Integer call() {
        if (partition != null && scope.topic == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partition goes with --topic");
        }
        ElectionType type = kind.preferred ? ElectionType.PREFERRED : ElectionType.UNCLEAN;
        List<ElectionResult> results = new ArrayList<>();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            Set<TopicPartition> partitions = scope.all ? null : partitionsOfTopic(session);
            Map<TopicPartition, Optional<Throwable>> outcome = session.await(
                    session.admin().electLeaders(type, partitions).partitions(),
                    "elect " + type.name().toLowerCase(java.util.Locale.ROOT) + " leaders");
            Map<TopicPartition, Optional<Throwable>> sorted = new LinkedHashMap<>();
            outcome.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<TopicPartition, Optional<Throwable>> e) -> e.getKey().topic())
                            .thenComparingInt(e -> e.getKey().partition()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.forEach((tp, error) -> results.add(new ElectionResult(tp.topic(), tp.partition(), describe(error))));
        }
        Table table = new Table("TOPIC", "PARTITION", "RESULT");
        results.forEach(r -> table.addRow(r.topic(), r.partition(), r.result()));
        output.print(environment, results, table);
        if (results.isEmpty()) {
            // With --all, Kafka answers only for partitions that needed an election.
            environment.err().println("No partition needed an election.");
            environment.err().flush();
        }
        long failed = results.stream().filter(r -> r.result().startsWith("failed")).count();
        if (failed > 0) {
            throw new CliException(failed + " of " + results.size() + " elections failed (see RESULT above)");
        }
        return 0;
    }

    private Set<TopicPartition> partitionsOfTopic(ClusterSession session) {
        TopicDescription description = session.await(
                session.admin().describeTopics(List.of(scope.topic)).allTopicNames(), "describe topic " + scope.topic)
                .get(scope.topic);
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparingInt(TopicPartition::partition));
        description.partitions().forEach(info -> partitions.add(new TopicPartition(scope.topic, info.partition())));
        if (partition != null) {
            TopicPartition only = new TopicPartition(scope.topic, partition);
            if (!partitions.contains(only)) {
                throw new CliException("partition " + only + " does not exist (topic has " + partitions.size() + " partitions)");
            }
            return Set.of(only);
        }
        return partitions;
    }

    private static String describe(Optional<Throwable> error) {
        if (error.isEmpty()) {
            return "elected";
        }
        if (error.get() instanceof ElectionNotNeededException) {
            return "not needed";
        }
        return "failed: " + ClientErrors.describe(error.get());
    }
}
