package io.rafka.cli.server;

import io.rafka.broker.config.InvalidConfigException;
import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.RafkaServerMain;
import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rafka server start [--config FILE] [--override key=value]...}: starts one node and runs it
 * until SIGTERM or Ctrl-C, which shut it down in a controlled way (flush, clean-shutdown marker).
 * With no configuration at all it is a single-node cluster on {@code localhost:9092} with its data
 * in {@code ./data}, formatted on first start.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "start", description = {
    "Start a node and serve until SIGTERM / Ctrl-C (controlled shutdown).",
    "With no options: a single-node cluster on localhost:9092, data in ./data."})
final class ServerStartCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Option(names = "--config", paramLabel = "FILE", description = "A server.properties file (Kafka key names).")
    Path configFile;

    @Option(names = "--override", paramLabel = "KEY=VALUE",
            description = "Set one configuration key, over the file; repeatable.")
    List<String> overrides = new ArrayList<>();

    ServerStartCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        RafkaConfig config = loadConfig();
        for (String unknown : config.unknownKeys()) {
            environment.err().println("rafka: warning: unknown configuration key '" + unknown + "' is ignored");
        }
        RafkaNode node;
        try {
            node = RafkaServerMain.startAndAnnounce(config, List.of(), environment.out());
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot start the node: " + e.getMessage(), e);
        }
        Thread shutdown = new Thread(node::close, "rafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        node.awaitShutdown();
        return 0;
    }

    private RafkaConfig loadConfig() {
        try {
            if (configFile != null && !Files.isRegularFile(configFile)) {
                throw new CliException("config file " + configFile + " does not exist");
            }
            return configFile != null ? RafkaConfig.load(configFile, overrides)
                    : RafkaConfig.fromMap(RafkaConfig.parseOverrides(overrides));
        } catch (InvalidConfigException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }
}
