package io.rafka.cli.support;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code rafka topics}): run alone, it is a usage error
 * (exit code 2) that lists what could follow.
 *
 * <p>Thread-safety: one instance per execution.
 */
public abstract class CommandGroup implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
