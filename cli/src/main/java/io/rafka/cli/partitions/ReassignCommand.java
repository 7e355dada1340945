package io.rafka.cli.partitions;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterOptions;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.DurationConverter;
import io.rafka.cli.support.OutputOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rafka partitions reassign}: Kafka's {@code kafka-reassign-partitions}, with the same plan
 * format. One mode per run: {@code --generate}, {@code --execute}, {@code --verify} or
 * {@code --cancel}; {@code --wait} (with execute or verify) polls until done, printing progress.
 *
 * <p>Thread-safety: one instance per execution.
 */
@Command(name = "reassign", description = "Generate, execute, verify or cancel a partition reassignment.",
        footer = {"", "Examples:",
            "  rafka partitions reassign --generate --topics orders,payments --brokers 1,2,3 > plan.json",
            "  rafka partitions reassign --execute --plan plan.json --throttle 10000000 --wait",
            "  rafka partitions reassign --verify --plan plan.json",
            "  rafka partitions reassign --cancel --plan plan.json"})
final class ReassignCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions cluster;
    @Mixin OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--generate", required = true, description = "Print a plan spreading --topics over --brokers.")
        boolean generate;
        @Option(names = "--execute", required = true, description = "Start the moves of --plan.")
        boolean execute;
        @Option(names = "--verify", required = true, description = "Report the state of each move of --plan; "
                + "removes the throttle once all are complete.")
        boolean verify;
        @Option(names = "--cancel", required = true, description = "Stop the moves of --plan still in progress.")
        boolean cancel;
    }

    @Option(names = "--topics", split = ",", paramLabel = "T1,T2", description = "Topics to move (--generate).")
    List<String> topics = List.of();

    @Option(names = "--brokers", split = ",", paramLabel = "1,2,3", description = "Brokers to move them to (--generate).")
    List<Integer> brokers = List.of();

    @Option(names = "--plan", paramLabel = "FILE", description = "A plan in kafka-reassign-partitions JSON format.")
    Path planFile;

    @Option(names = "--throttle", paramLabel = "BYTES_PER_S",
            description = "Limit replication traffic of the move (--execute).")
    Long throttleBytesPerSecond;

    @Option(names = "--wait", description = "Poll until every move completes, printing progress (--execute, --verify).")
    boolean waitForCompletion;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often --wait polls (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    ReassignCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        checkOptionCombination();
        ReassignmentPlan plan = mode.generate ? null : readPlan();
        try (ClusterSession session = ClusterSession.open(environment, cluster)) {
            ReassignContext context = new ReassignContext(environment, output, session, new ReassignmentCluster(session), planFile);
            if (mode.generate) {
                return ReassignGenerate.run(context, topics, brokers);
            }
            if (mode.execute) {
                return ReassignExecute.run(context, plan, throttleBytesPerSecond, waitForCompletion, pollInterval.toMillis());
            }
            if (mode.verify) {
                return ReassignVerify.run(context, plan, waitForCompletion, pollInterval.toMillis());
            }
            return ReassignCancel.run(context, plan);
        }
    }

    private void checkOptionCombination() {
        if (mode.generate && (topics.isEmpty() || brokers.isEmpty())) {
            throw usage("--generate needs --topics and --brokers");
        }
        if (!mode.generate && planFile == null) {
            throw usage("--execute, --verify and --cancel need --plan FILE");
        }
        if (throttleBytesPerSecond != null && (!mode.execute || throttleBytesPerSecond <= 0)) {
            throw usage("--throttle takes a positive rate and goes with --execute");
        }
        if (waitForCompletion && !(mode.execute || mode.verify)) {
            throw usage("--wait goes with --execute or --verify");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private ReassignmentPlan readPlan() {
        String json;
        try {
            json = Files.readString(planFile);
        } catch (NoSuchFileException e) {
            throw new CliException("plan file " + planFile + " does not exist");
        } catch (IOException e) {
            throw new CliException("cannot read plan file " + planFile + ": " + e.getMessage(), e);
        }
        try {
            return ReassignmentPlan.parse(json);
        } catch (CliException e) {
            throw new CliException("malformed plan " + planFile + ": " + e.getMessage(), e);
        }
    }
}
