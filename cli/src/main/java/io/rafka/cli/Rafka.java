package io.rafka.cli;

import picocli.CommandLine;

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
        return commandLine(environment).execute(args);
    }

    /** The whole command tree, wired to the given streams and clock. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(RafkaCommand.class, new EnvironmentFactory(environment));
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }
}
