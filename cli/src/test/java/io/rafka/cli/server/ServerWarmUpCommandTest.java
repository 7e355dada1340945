package io.rafka.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.Rafka;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code rafka server warm-up}, the launcher's class-recording run: a real node, a client round trip, no trace left. */
class ServerWarmUpCommandTest {

    @Test
    void warmUpStartsServesAndStopsANodeAndDeletesItsDirectory() throws IOException {
        Set<Path> before = warmUpDirs();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Rafka.run(CliEnvironment.of(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0])), "server", "warm-up");

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(err.toString()).contains("warm-up node started, served and stopped in");
        assertThat(out.toString()).isEmpty();
        assertThat(warmUpDirs()).isEqualTo(before);
    }

    private static Set<Path> warmUpDirs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("rafka-warm-up-")).collect(Collectors.toSet());
        }
    }
}
