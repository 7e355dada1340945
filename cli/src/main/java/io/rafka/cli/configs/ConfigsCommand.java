package io.rafka.cli.configs;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka configs}: describe, set and delete topic or broker configs. */
@Command(name = "configs", description = "Describe, set and delete topic or broker configs.",
        subcommands = {ConfigsDescribeCommand.class, ConfigsSetCommand.class, ConfigsDeleteCommand.class})
public final class ConfigsCommand extends CommandGroup {}
