package io.rafka.cli.server;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka server}: run a node. */
@Command(name = "server", description = "Run a Rafka node.", subcommands = {ServerStartCommand.class,
    ServerWarmUpCommand.class})
public final class ServerCommand extends CommandGroup {}
