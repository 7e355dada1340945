package io.rafka.broker.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-Java client in the build: kcat (librdkafka) produces keyed records to a real node and
 * consumes them back. CI installs kcat ({@code .ci/run}) and must never skip this test; on a
 * developer machine without kcat it is skipped with a message saying so.
 */
class KcatInteropTest {

    private static final long KCAT_TIMEOUT_S = 60;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void kcatIsInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/kcat")) || onPath("kcat");
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI must install kcat (.ci/run); this test may not be skipped there").isTrue();
        }
        assumeTrue(installed, "kcat is not installed (apt-get install kcat): librdkafka interop not tested here");
    }

    @Test
    void kcatProducesAndConsumesKeyedRecords() throws Exception {
        try (RafkaNode node = TestNode.start(dataDir, Map.of())) {
            TestNode.createTopic(node, "kcat", 3, Map.of());
            TestNode.awaitLeadership(node, "kcat", 3);
            String bootstrap = node.bootstrapServers();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                lines.add("key-" + i + ":value-" + i);
            }
            Result produced = kcat(String.join("\n", lines) + "\n",
                    "-b", bootstrap, "-t", "kcat", "-P", "-K:", "-X", "acks=all");
            assertThat(produced.exitCode).as("kcat -P failed: %s", produced.errors).isZero();

            Result consumed = kcat("", "-b", bootstrap, "-t", "kcat", "-C", "-o", "beginning", "-e",
                    "-f", "%k:%s\\n");
            assertThat(consumed.exitCode).as("kcat -C failed: %s", consumed.errors).isZero();
            List<String> read = consumed.output.lines().filter(l -> l.startsWith("key-")).toList();
            assertThat(read).containsExactlyInAnyOrderElementsOf(lines);
        }
    }

    /** stdout only: kcat's progress lines ("% Reached end of topic") go to stderr and must not interleave. */
    private record Result(int exitCode, String output, String errors) {}

    private static Result kcat(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("kcat");
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("kcat", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(KCAT_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat " + String.join(" ", args) + " did not finish in " + KCAT_TIMEOUT_S + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errorText = Files.readString(errors, StandardCharsets.UTF_8);
        Files.deleteIfExists(errors);
        return new Result(process.exitValue(), output, errorText);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
