package io.rafka.cli.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.cli.CliRun;
import io.rafka.cli.support.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/**
 * Runs {@code rafka} command lines in-process ({@link CliRun}) against a real node or cluster on
 * loopback, and the checks every real-node test shares: exit codes, one-line errors, table rows,
 * JSON.
 *
 * <p>The bootstrap address is read on every run: a restarted node of a {@code TestCluster}
 * listens on a new ephemeral port.
 */
final class RealCli {
    static final int OK = 0;
    static final int OPERATION_ERROR = 1;
    static final int USAGE = 2;

    private final Supplier<String> bootstrapServers;

    private RealCli(Supplier<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    static RealCli at(Supplier<String> bootstrapServers) {
        return new RealCli(bootstrapServers);
    }

    /** {@code args} followed by {@code --bootstrap-server <the node or cluster>}. */
    CliRun.Result run(String... args) {
        return runWithStdin("", args);
    }

    CliRun.Result runWithStdin(String stdin, String... args) {
        List<String> line = new ArrayList<>(Arrays.asList(args));
        line.add("--bootstrap-server");
        line.add(bootstrapServers.get());
        return CliRun.cli().withStdin(stdin).run(line.toArray(String[]::new));
    }

    /** Runs and asserts exit code 0; returns the result for the checks on its output. */
    CliRun.Result ok(String... args) {
        CliRun.Result result = run(args);
        assertThat(result.exitCode()).as("%s%n%s", String.join(" ", args), result).isEqualTo(OK);
        return result;
    }

    CliRun.Result okWithStdin(String stdin, String... args) {
        CliRun.Result result = runWithStdin(stdin, args);
        assertThat(result.exitCode()).as("%s%n%s", String.join(" ", args), result).isEqualTo(OK);
        return result;
    }

    /**
     * Runs a command that must fail with an operation error and returns its one stderr line (see
     * {@link #assertOneLineError}).
     */
    String errorLine(String... args) {
        return assertOneLineError(run(args));
    }

    /** Runs a command that must be refused as bad usage and returns picocli's message (the first stderr line). */
    String usageLine(String... args) {
        return assertUsageError(run(args));
    }

    /**
     * The shape of an operation error: exit 1, nothing on stdout, exactly one stderr line
     * {@code rafka <command>: error: ...}, and no stack trace.
     */
    static String assertOneLineError(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(OPERATION_ERROR);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1);
        String line = result.err().strip();
        assertThat(line).as(result.toString()).startsWith("rafka ").contains(": error: ").doesNotContain("\tat ")
                .doesNotContain("Exception");
        return line;
    }

    /** A usage error: exit 2, picocli's message first, then the usage; no stack trace. */
    static String assertUsageError(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(USAGE);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err()).as(result.toString()).contains("Usage: rafka").doesNotContain("\tat ");
        return result.err().lines().findFirst().orElseThrow();
    }

    /**
     * Retries {@code assertion} until it passes (30 s at most). For a read right after a metadata
     * change: the controller acknowledges a change once committed, and each broker applies it a
     * moment later, so the broker that answers the next command may still have the old view.
     */
    static void eventually(ThrowingRunnable assertion) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
    }

    /** The rows of an aligned table below its header, split into cells at runs of two or more spaces. */
    static List<List<String>> rows(String table) {
        List<String> lines = table.lines().toList();
        assertThat(lines).as("a table with a header:%n%s", table).isNotEmpty();
        return lines.subList(1, lines.size()).stream().map(RealCli::cells).toList();
    }

    /** The table below the first blank line, for outputs with a preamble ("Group: g  State: empty", blank, table). */
    static String tableBelowPreamble(String out) {
        int blank = out.indexOf("\n\n");
        assertThat(blank).as("a preamble, a blank line, a table:%n%s", out).isNotNegative();
        return out.substring(blank + 2);
    }

    /** The header row of an aligned table. */
    static List<String> header(String table) {
        return cells(table.lines().findFirst().orElseThrow());
    }

    static List<String> cells(String line) {
        return List.of(line.strip().split(" {2,}"));
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON:\n" + text, e);
        }
    }
}
