package io.rafka.cli.configs;

import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterSession;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Option;

/**
 * Exactly one of {@code --topic T} or {@code --broker N}: whose configs a command reads or changes.
 *
 * <p>Thread-safety: filled by picocli, then only read.
 */
final class ConfigTarget {
    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC", required = true, description = "A topic's configs.")
    String topic;

    @Option(names = "--broker", paramLabel = "ID", required = true, description = "A broker's configs.")
    Integer brokerId;

    ConfigResource resource() {
        return topic != null
                ? new ConfigResource(ConfigResource.Type.TOPIC, topic)
                : new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
    }

    /**
     * The resource, after checking that a {@code --broker} is in the cluster: the Admin client sends a
     * broker's config request to that broker, so for an unknown id it would wait out {@code --timeout}
     * and the error would blame the network.
     */
    ConfigResource resolve(ClusterSession session) {
        if (brokerId != null) {
            Set<Integer> brokers = new TreeSet<>();
            session.await(session.admin().describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes(),
                    "describe cluster").forEach(node -> brokers.add(node.id()));
            if (!brokers.contains(brokerId)) {
                throw new CliException("broker " + brokerId + " is not in the cluster (brokers: " + brokers + ")");
            }
        }
        return resource();
    }

    String describe() {
        return topic != null ? "topic " + topic : "broker " + brokerId;
    }
}
