package io.rafka.cli.configs;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rafka configs describe --topic T | --broker N [--all]}. Like {@code kafka-configs
 * --describe}, shows only values set somewhere other than the built-in default unless {@code --all}.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "describe", description = "Show a topic's or broker's configs.")
final class ConfigsDescribeCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Option(names = "--all", description = "Include configs left at their default.")
    boolean all;

    ConfigsDescribeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** One config as printed; also its JSON form. */
    record ConfigView(String name, String value, String source, boolean readOnly, boolean sensitive) {}

    @Override
    public Integer call() {
        Config config;
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            ConfigResource resource = target.resolve(session);
            Map<ConfigResource, Config> configs = session.await(
                    session.admin().describeConfigs(List.of(resource)).all(), "describe configs of " + target.describe());
            config = configs.get(resource);
        }
        List<ConfigView> views = config.entries().stream()
                .filter(entry -> all || entry.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                .sorted(Comparator.comparing(ConfigEntry::name))
                .map(ConfigsDescribeCommand::view)
                .toList();
        Table table = new Table("NAME", "VALUE", "SOURCE", "READ-ONLY", "SENSITIVE");
        views.forEach(v -> table.addRow(v.name(), v.value(), v.source(), v.readOnly(), v.sensitive()));
        output.print(environment, views, table);
        return 0;
    }

    private static ConfigView view(ConfigEntry entry) {
        String value = entry.isSensitive() ? "(hidden)" : entry.value();
        String source = entry.source() == null ? "unknown" : entry.source().name().toLowerCase(Locale.ROOT);
        return new ConfigView(entry.name(), value, source, entry.isReadOnly(), entry.isSensitive());
    }
}
