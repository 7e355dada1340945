package io.rafka.broker.node;

import io.rafka.broker.config.InvalidConfigException;
import io.rafka.broker.config.RafkaConfig;
import io.rafka.common.Time;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java io.rafka.broker.node.RafkaServerMain [--config FILE] [--override key=value]...}: runs one
 * node until SIGTERM (or Ctrl-C), which triggers the controlled shutdown. Without {@code --config},
 * Rafka's defaults apply: a single node on {@code localhost:9092} with data in {@code ./data}.
 *
 * <p>The CLI's {@code rafka server start} calls {@link #loadConfig} and {@link #startAndAnnounce} so that
 * both print the same lines. Exit codes: 0 after a clean stop, 1 for bad arguments or configuration,
 * 2 when the node cannot start.
 *
 * <p>Static methods only; each call works on its own arguments, so they are thread-safe.
 */
public final class RafkaServerMain {

    private RafkaServerMain() {}

    public static void main(String[] args) {
        RafkaConfig config;
        try {
            config = loadConfig(args);
        } catch (IllegalArgumentException | InvalidConfigException | IOException e) {
            System.err.println("rafka: " + e.getMessage());
            System.exit(1);
            return;
        }
        RafkaNode node;
        try {
            node = startAndAnnounce(config, List.of(), new PrintWriter(System.out, true));
        } catch (IOException | RuntimeException e) {
            System.err.println("rafka: cannot start: " + e);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "rafka-shutdown"));
        try {
            node.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses {@code --config FILE} (at most once) and any number of {@code --override key=value}.
     *
     * @throws IllegalArgumentException for an unknown argument or a missing value
     * @throws InvalidConfigException for an invalid config value, naming the key and the value
     */
    public static RafkaConfig loadConfig(String[] args) throws IOException {
        Path configFile = null;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--config") || arg.equals("--override")) && i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (arg) {
                case "--config" -> {
                    if (configFile != null) {
                        throw new IllegalArgumentException("--config given twice");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--override" -> overrides.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + arg
                    + "'; usage: [--config FILE] [--override key=value]...");
            }
        }
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("config file " + configFile + " does not exist");
        }
        return configFile != null ? RafkaConfig.load(configFile, overrides)
            : RafkaConfig.fromMap(RafkaConfig.parseOverrides(overrides));
    }

    /**
     * Starts a node and prints what an operator needs: node id, cluster id, listeners, data dirs, and
     * "ready" with the start-up time.
     */
    public static RafkaNode startAndAnnounce(RafkaConfig config, List<HandlerFactory> extraHandlers, PrintWriter out)
            throws IOException {
        RafkaNode node = RafkaNode.start(config, Time.SYSTEM, extraHandlers);
        out.println(announcement(node));
        out.flush();
        return node;
    }

    static String announcement(RafkaNode node) {
        Map<String, java.net.InetSocketAddress> bound = node.boundAddresses();
        String boundText = bound.entrySet().stream().map(e -> e.getKey() + "://" + e.getValue().getHostString() + ":"
            + e.getValue().getPort()).collect(Collectors.joining(", "));
        String dataDirs = node.config().logDirs().stream().map(p -> p.toAbsolutePath().normalize().toString())
            .collect(Collectors.joining(", "));
        return String.join(System.lineSeparator(),
            "Rafka node " + node.nodeId() + " of cluster " + node.clusterId(),
            "  node id:     " + node.nodeId(),
            "  cluster id:  " + node.clusterId(),
            "  listeners:   " + boundText,
            "  advertised:  " + String.join(", ", node.advertisedListeners()),
            "  data dir:    " + dataDirs,
            "ready in " + node.startupMs() + " ms");
    }
}
