package io.rafka.cli;

import static io.rafka.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An address where nothing listens must fail within --timeout, naming the address, without a stack trace. */
class UnreachableClusterTest {
    private static final long TIMEOUT_MS = 1_500;
    // Client start-up and the Admin close add a little; a command that ignored --timeout would take 30 s.
    private static final Duration ALLOWED = Duration.ofMillis(TIMEOUT_MS + 6_000);

    private static String closedAddress;

    @BeforeAll
    static void findClosedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedAddress = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"topics list", "topics describe orders", "cluster describe", "quorum describe",
        "groups list", "produce --topic orders", "consume --topic orders", "perf consume --topic orders --records 1"})
    void failsWithinTimeoutNamingTheAddress(String command) {
        long startNs = System.nanoTime();

        CliRun.Result result = cli().withStdin("a line\n").run(
                (command + " --bootstrap-server " + closedAddress + " --timeout " + TIMEOUT_MS + "ms").split(" "));

        Duration took = Duration.ofNanos(System.nanoTime() - startNs);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(took).isLessThan(ALLOWED);
        assertThat(result.err().lines()).as(result.toString()).hasSize(1);
        assertThat(result.err()).contains(closedAddress).contains(TIMEOUT_MS + " ms").doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun.Result result = cli().run("topics", "list", "--verbose",
                "--bootstrap-server", closedAddress, "--timeout", TIMEOUT_MS + "ms");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(closedAddress).contains("\tat ");
    }

    @Test
    void unresolvableHostFailsAtOnceNamingIt() {
        CliRun.Result result = cli().run("topics", "list", "--bootstrap-server", "no-such-host.invalid:9092");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("no-such-host.invalid:9092").doesNotContain("\tat ");
    }

    @Test
    void missingCommandConfigFileIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("client.properties");

        CliRun.Result result = cli().run("topics", "list", "--command-config", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void commandConfigIsReadAndTheCommandLineWins(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("client.properties");
        Files.writeString(config, "bootstrap.servers=elsewhere:1\nclient.id=from-file\n");
        io.rafka.cli.support.ClusterOptions options = new CliOptionsProbe().parse(
                "--command-config", config.toString(), "--bootstrap-server", "here:9092", "--timeout", "5s");

        assertThat(options.clientProperties())
                .containsEntry("client.id", "from-file")
                .containsEntry("bootstrap.servers", "here:9092")
                .containsEntry("default.api.timeout.ms", "5000");
    }
}
