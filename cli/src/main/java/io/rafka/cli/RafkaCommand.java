package io.rafka.cli;

import io.rafka.cli.cluster.ClusterCommand;
import io.rafka.cli.clients.ConsumeCommand;
import io.rafka.cli.clients.ProduceCommand;
import io.rafka.cli.configs.ConfigsCommand;
import io.rafka.cli.groups.GroupsCommand;
import io.rafka.cli.leaders.LeadersCommand;
import io.rafka.cli.partitions.PartitionsCommand;
import io.rafka.cli.perf.PerfCommand;
import io.rafka.cli.quorum.QuorumCommand;
import io.rafka.cli.server.ServerCommand;
import io.rafka.cli.support.CommandGroup;
import io.rafka.cli.topics.TopicsCommand;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top of the {@code rafka} command tree. Every subcommand is registered in the one list
 * below, {@link #SUBCOMMANDS}. ({@code storage format/info} is not there: {@code server start}
 * formats on first start.)
 *
 * <p>{@code --help}, {@code --version} and {@code --verbose} are inherited by every subcommand.
 *
 * <p>Thread-safety: one instance per command-line execution; not shared.
 */
@Command(
        name = "rafka",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = RafkaVersion.class,
        description = "Run a Rafka node, and administer a Rafka (or any Kafka-compatible) cluster.",
        footer = {"", "Exit codes: 0 success, 1 operation error, 2 bad usage."})
public final class RafkaCommand extends CommandGroup {

    /**
     * Every subcommand, in the order help lists them. Kept here rather than in the annotation so
     * that {@link Rafka#run} can build only the branch a command line names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
        ServerCommand.class,
        TopicsCommand.class,
        ConfigsCommand.class,
        PartitionsCommand.class,
        LeadersCommand.class,
        ClusterCommand.class,
        QuorumCommand.class,
        GroupsCommand.class,
        ProduceCommand.class,
        ConsumeCommand.class,
        PerfCommand.class,
        AutoComplete.GenerateCompletion.class);

    // Read through the parse result by ErrorHandler; the field only makes picocli accept it everywhere.
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of operation errors.")
    boolean verbose;
}
