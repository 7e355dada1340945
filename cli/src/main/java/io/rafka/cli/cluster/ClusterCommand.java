package io.rafka.cli.cluster;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka cluster}: the cluster as a whole. */
@Command(name = "cluster", description = "Describe the cluster.", subcommands = {ClusterDescribeCommand.class})
public final class ClusterCommand extends CommandGroup {}
