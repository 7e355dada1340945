package io.rafka.cli.support;

import io.rafka.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a cluster shares: where it is, extra client properties,
 * and how long to wait for it.
 *
 * <p>Thread-safety: filled by picocli on the command's thread, then only read.
 */
public final class ClusterOptions {

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT[,HOST:PORT...]",
            defaultValue = "localhost:9092",
            description = "Brokers to connect to first (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties (security, tuning) added to every client this command creates.")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for the cluster, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public ClusterOptions() {}

    /** For tests and for commands built in code. */
    public ClusterOptions(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long timeoutMs() {
        return timeout.toMillis();
    }

    /**
     * The client properties: the {@code --command-config} file first, then the bootstrap address
     * and timeouts, which the command line always decides.
     */
    public Properties clientProperties() {
        Properties properties = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new CliException("command config file " + commandConfig + " does not exist");
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot read command config file " + commandConfig + ": " + e.getMessage(), e);
            }
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // NB: the Admin client retries a call until its API timeout, so this bounds every call.
        String timeoutMs = Long.toString(timeoutMs());
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        return properties;
    }
}
