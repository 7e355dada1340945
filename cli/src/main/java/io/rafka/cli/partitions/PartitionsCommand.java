package io.rafka.cli.partitions;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka partitions}: move partition replicas between brokers. */
@Command(name = "partitions", description = "Move partition replicas between brokers.",
        subcommands = {ReassignCommand.class})
public final class PartitionsCommand extends CommandGroup {}
