package io.rafka.cli.topics;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.KeyValue;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka topics create NAME --partitions N --replication-factor R [--config k=v]... [--if-not-exists]}.
 * Omitted counts fall back to the broker's {@code num.partitions} / {@code default.replication.factor}.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "create", description = "Create a topic.")
final class TopicsCreateCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "Topic name.")
    String topic;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N", description = "Number of partitions (default: the broker's).")
    Integer partitions;

    @Option(names = {"-r", "--replication-factor"}, paramLabel = "R", description = "Replicas per partition (default: the broker's).")
    Short replicationFactor;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
            description = "Topic config, repeatable (e.g. --config retention.ms=86400000).")
    List<KeyValue> configs = List.of();

    @Option(names = "--if-not-exists", description = "Succeed without change if the topic already exists.")
    boolean ifNotExists;

    TopicsCreateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    // How often a new topic's metadata is polled until every partition has a leader.
    private static final long VISIBLE_POLL_MS = 100;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> topicConfigs = new LinkedHashMap<>();
        configs.forEach(config -> topicConfigs.put(config.key(), config.value()));
        NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                .configs(topicConfigs);
        boolean created;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            created = create(session, newTopic);
            if (created) {
                awaitLeaders(session);
            }
        }
        output.print(environment,
                Json.object("topic", topic, "created", created),
                new Table("TOPIC", "RESULT").addRow(topic, created ? "created" : "already exists"));
        return 0;
    }

    /**
     * Returns once every partition of the new topic has a leader, so that the next command
     * (produce, consume, describe) finds it: the controller answers CreateTopics when it has
     * committed the topic, and the brokers learn of it a moment later. Bounded by {@code --timeout};
     * past it the topic exists anyway, so this only warns.
     */
    private void awaitLeaders(ClusterSession session) throws InterruptedException {
        long deadlineMs = environment.time().monotonicMs() + session.timeoutMs();
        while (!hasAllLeaders(session)) {
            if (environment.time().monotonicMs() >= deadlineMs) {
                environment.err().println("warning: topic " + topic + " was created, but not every partition had a leader "
                        + "within " + session.timeoutMs() + " ms");
                environment.err().flush();
                return;
            }
            environment.time().sleep(VISIBLE_POLL_MS);
        }
    }

    private boolean hasAllLeaders(ClusterSession session) {
        try {
            TopicDescription description = session.admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(session.timeoutMs(), TimeUnit.MILLISECONDS).get(topic);
            return !description.partitions().isEmpty() && description.partitions().stream()
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException | TimeoutException notYetKnown) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean create(ClusterSession session, NewTopic newTopic) {
        try {
            session.await(session.admin().createTopics(List.of(newTopic)).all(), "create topic " + topic);
            return true;
        } catch (RuntimeException e) {
            if (ifNotExists && e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }
}
