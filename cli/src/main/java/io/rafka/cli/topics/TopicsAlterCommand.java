package io.rafka.cli.topics;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.NewPartitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka topics alter NAME --partitions N}: grows a topic (partitions never shrink in Kafka).
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "alter", description = "Increase a topic's partition count.")
final class TopicsAlterCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "Topic name.")
    String topic;

    @Option(names = {"-p", "--partitions"}, required = true, paramLabel = "N",
            description = "The new total number of partitions.")
    int partitions;

    TopicsAlterCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            session.await(session.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all(),
                    "increase partitions of topic " + topic + " to " + partitions);
        }
        output.print(environment, Json.object("topic", topic, "partitions", partitions),
                new Table("TOPIC", "PARTITIONS").addRow(topic, partitions));
        return 0;
    }
}
