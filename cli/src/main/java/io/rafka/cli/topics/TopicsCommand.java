package io.rafka.cli.topics;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka topics}: create, list, describe, alter and delete topics. */
@Command(name = "topics", description = "Create, list, describe, alter and delete topics.",
        subcommands = {
            TopicsCreateCommand.class,
            TopicsListCommand.class,
            TopicsDescribeCommand.class,
            TopicsAlterCommand.class,
            TopicsDeleteCommand.class,
        })
public final class TopicsCommand extends CommandGroup {}
