package io.rafka.cli.quorum;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka quorum}: the metadata quorum. */
@Command(name = "quorum", description = "Describe the metadata quorum.", subcommands = {QuorumDescribeCommand.class})
public final class QuorumCommand extends CommandGroup {}
