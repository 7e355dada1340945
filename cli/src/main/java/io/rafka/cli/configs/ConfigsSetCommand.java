package io.rafka.cli.configs;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.KeyValue;
import io.rafka.cli.support.OutputOptions;
import io.rafka.cli.support.Table;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rafka configs set --topic T | --broker N KEY=VALUE...}: an incremental alter, so configs
 * not named keep their values.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "set", description = "Set configs of a topic or broker (others keep their values).")
final class ConfigsSetCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
            description = "Configs to set, e.g. retention.ms=86400000.")
    List<KeyValue> configs;

    ConfigsSetCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<AlterConfigOp> operations = configs.stream()
                .map(config -> new AlterConfigOp(new ConfigEntry(config.key(), config.value()), AlterConfigOp.OpType.SET))
                .toList();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            session.await(session.admin().incrementalAlterConfigs(Map.of(target.resolve(session), operations)).all(),
                    "set configs of " + target.describe());
        }
        Table table = new Table("NAME", "VALUE");
        configs.forEach(config -> table.addRow(config.key(), config.value()));
        output.print(environment, configs, table);
        return 0;
    }
}
