package io.rafka.cli.groups;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka groups}: consumer groups. */
@Command(name = "groups", description = "List, describe, reset and delete consumer groups.",
        subcommands = {GroupsListCommand.class, GroupsDescribeCommand.class, GroupsResetOffsetsCommand.class,
            GroupsDeleteCommand.class})
public final class GroupsCommand extends CommandGroup {}
