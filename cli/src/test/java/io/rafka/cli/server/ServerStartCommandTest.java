package io.rafka.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.Rafka;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad input to {@code rafka server start}: one clear line and exit code 1, before anything starts. */
class ServerStartCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Rafka.run(CliEnvironment.of(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0])), args);
    }

    @Test
    void invalidValueNamesTheKeyAndTheValue() {
        assertThat(run("server", "start", "--override", "node.id=abc")).isEqualTo(1);
        assertThat(err.toString()).contains("node.id").contains("abc").doesNotContain("\tat ");
    }

    @Test
    void missingConfigFileIsNamed() {
        assertThat(run("server", "start", "--config", "/nonexistent/server.properties")).isEqualTo(1);
        assertThat(err.toString()).contains("/nonexistent/server.properties").doesNotContain("\tat ");
    }

    @Test
    void malformedOverrideIsAnError() {
        assertThat(run("server", "start", "--override", "no-equals-sign")).isEqualTo(1);
        assertThat(err.toString()).contains("no-equals-sign");
    }
}
