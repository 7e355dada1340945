package io.rafka.cli.support;

import io.rafka.cli.CliEnvironment;
import picocli.CommandLine.Option;

/**
 * {@code --output table|json}, and the one place that prints a result in the chosen format.
 *
 * <p>Thread-safety: filled by picocli, then only read.
 */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "Output format: table (aligned columns) or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TABLE;

    public OutputOptions() {}

    public OutputOptions(OutputFormat format) {
        this.format = format;
    }

    public OutputFormat format() {
        return format;
    }

    /** Prints {@code jsonModel} as JSON or {@code table} as columns on the environment's stdout. */
    public void print(CliEnvironment environment, Object jsonModel, Table table) {
        if (format == OutputFormat.JSON) {
            environment.out().println(Json.write(jsonModel));
        } else {
            environment.out().print(table.render());
        }
        environment.out().flush();
    }
}
