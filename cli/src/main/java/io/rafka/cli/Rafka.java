package io.rafka.cli;

import java.util.Arrays;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code rafka} command. Exit codes: 0 success, 1 operation error (one line on
 * stderr), 2 bad usage.
 *
 * <p>Thread-safety: {@link #run} may be called from several threads with distinct environments.
 */
public final class Rafka {

    private Rafka() {}

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line to completion in this process and returns its exit code. */
    public static int run(CliEnvironment environment, String... args) {
        return commandLine(environment, branchNamedBy(args)).execute(args);
    }

    /** The whole command tree, wired to the given streams and clock. */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, RafkaCommand.SUBCOMMANDS);
    }

    /**
     * The root command with only {@code subcommands} under it. picocli reads every annotation of a
     * tree when it builds it: on a cold JVM ~140 ms for the whole tree against ~70 ms for the
     * {@code server} branch alone, and {@code rafka server start} pays it on every node start.
     */
    private static CommandLine commandLine(CliEnvironment environment, List<Class<?>> subcommands) {
        EnvironmentFactory factory = new EnvironmentFactory(environment);
        CommandLine commandLine = new CommandLine(RafkaCommand.class, factory);
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(new CommandLine(subcommand, factory));
        }
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    /**
     * The one subcommand whose name or alias is the first argument, or all of them: for
     * {@code rafka --help}, a leading option, a misspelt command (whose error message suggests the
     * names it resembles), and {@code generate-completion} (whose script describes the whole tree).
     */
    static List<Class<?>> branchNamedBy(String... args) {
        if (args.length == 0) {
            return RafkaCommand.SUBCOMMANDS;
        }
        for (Class<?> subcommand : RafkaCommand.SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0])) {
                return subcommand == AutoComplete.GenerateCompletion.class
                    ? RafkaCommand.SUBCOMMANDS
                    : List.of(subcommand);
            }
        }
        return RafkaCommand.SUBCOMMANDS;
    }
}
