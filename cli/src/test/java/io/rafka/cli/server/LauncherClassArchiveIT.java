package io.rafka.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rafka} launcher's class-data archive, on a copy of the launcher and the packaged jar (so the
 * real {@code cli/target} is left alone): recorded once per jar, reused, recorded afresh when the jar
 * changes, and never in the way of the command when it cannot be made.
 */
class LauncherClassArchiveIT {

    private static final Path LAUNCHER = Path.of("..", "rafka").toAbsolutePath().normalize();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final long RUN_TIMEOUT_S = 120;

    @TempDir
    Path root;

    private Path launcher;
    private Path jar;

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        launcher = root.resolve("rafka");
        Files.copy(LAUNCHER, launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path packaged;
        try (Stream<Path> files = Files.list(TARGET)) {
            packaged = files.filter(p -> p.getFileName().toString().matches("rafka-cli-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar")).findFirst().orElseThrow();
        }
        Files.createDirectories(root.resolve("cli").resolve("target"));
        jar = root.resolve("cli").resolve("target").resolve(packaged.getFileName());
        Files.copy(packaged, jar, StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void archiveIsRecordedOncePerJarAndAfreshWhenTheJarChanges() throws Exception {
        Run first = run(Map.of());
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(first.out).as("no JVM notes on stdout").isEqualTo("rafka " + version() + "\n");
        assertThat(first.err).contains("class-data archive ready");
        List<Path> archives = archives();
        assertThat(archives).hasSize(1);

        Run second = run(Map.of());
        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(second.out).isEqualTo(first.out);
        assertThat(second.err).as("reused, not recorded again").doesNotContain("recording");
        assertThat(archives()).isEqualTo(archives);

        // A rebuilt jar: the JVM would ignore the old archive; the launcher records a new one and drops the old.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Run rebuilt = run(Map.of());
        assertThat(rebuilt.exitCode).as(rebuilt.toString()).isZero();
        assertThat(rebuilt.err).contains("class-data archive ready");
        assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(archives);
    }

    @Test
    void commandRunsWhenNoArchiveCanBeMadeAndTheLauncherDoesNotTryAgain() throws Exception {
        // Without the JDK's base archive a dynamic archive cannot be recorded.
        Map<String, String> noSharing = Map.of("JAVA_OPTS", "-Xshare:off");
        Run first = run(noSharing);
        assertThat(first.exitCode).as(first.toString()).isZero();
        assertThat(first.out).isEqualTo("rafka " + version() + "\n");
        assertThat(first.err).contains("could not record a class-data archive");
        assertThat(archives()).isEmpty();

        Run second = run(noSharing);
        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(second.err).doesNotContain("recording");
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private String version() throws IOException {
        String name = jar.getFileName().toString();
        return name.substring("rafka-cli-".length(), name.length() - ".jar".length());
    }

    private Run run(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version").directory(root.toFile());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("RAFKA_CDS");
        builder.environment().putAll(environment);
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not finish within " + RUN_TIMEOUT_S + " s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {}
}
