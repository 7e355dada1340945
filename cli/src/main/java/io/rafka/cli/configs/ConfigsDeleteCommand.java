package io.rafka.cli.configs;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
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
 * {@code rafka configs delete --topic T | --broker N KEY...}: removes overrides, so the keys fall
 * back to their broker or built-in defaults.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "delete", description = "Remove config overrides of a topic or broker (back to defaults).")
final class ConfigsDeleteCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "Config names to remove.")
    List<String> keys;

    ConfigsDeleteCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<AlterConfigOp> operations = keys.stream()
                .map(key -> new AlterConfigOp(new ConfigEntry(key, null), AlterConfigOp.OpType.DELETE))
                .toList();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            session.await(session.admin().incrementalAlterConfigs(Map.of(target.resolve(session), operations)).all(),
                    "delete configs of " + target.describe());
        }
        Table table = new Table("NAME", "RESULT");
        keys.forEach(key -> table.addRow(key, "deleted"));
        output.print(environment, Map.of("deleted", keys), table);
        return 0;
    }
}
