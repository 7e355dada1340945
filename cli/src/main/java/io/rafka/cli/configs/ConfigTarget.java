package io.rafka.cli.configs;

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

    String describe() {
        return topic != null ? "topic " + topic : "broker " + brokerId;
    }
}
