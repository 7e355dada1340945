package io.rafka.cli;

import io.rafka.cli.support.ClusterOptions;
import picocli.CommandLine;

/** Parses the shared cluster options alone, to test what clients would be configured with. */
@CommandLine.Command(name = "probe")
final class CliOptionsProbe {
    @CommandLine.Mixin ClusterOptions cluster;

    ClusterOptions parse(String... args) {
        new CommandLine(this).parseArgs(args);
        return cluster;
    }
}
