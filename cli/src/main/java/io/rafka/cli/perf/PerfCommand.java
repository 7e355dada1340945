package io.rafka.cli.perf;

import io.rafka.cli.support.CommandGroup;
import picocli.CommandLine.Command;

/** {@code rafka perf}: throughput and latency tests, comparable with Kafka's perf-test tools. */
@Command(name = "perf", description = "Measure produce and consume throughput and latency.",
        subcommands = {PerfProduceCommand.class, PerfConsumeCommand.class})
public final class PerfCommand extends CommandGroup {}
