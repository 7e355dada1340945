package io.rafka.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliLoggingTest {

    @Test
    void stepsAsideForALogbackXmlOnTheClassPath(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        LoggerContext context = new LoggerContext();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader withFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(withFile);

            assertThat(new CliLogging().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void setsUpStderrAndTheLevelsWhenNoFileIsThere() {
        LoggerContext context = new LoggerContext();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // The test class path holds the broker's logback-test.xml (its test jar); the packaged jar has none.
        Thread.currentThread().setContextClassLoader(new ClassLoader(previous) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("logback") ? null : super.getResource(name);
            }
        });
        try {
            assertThat(new CliLogging().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.rafka.broker.Anything").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").getEffectiveLevel())
            .isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
            .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.apache.kafka.clients.ClientUtils").getEffectiveLevel())
            .isEqualTo(Level.ERROR);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
            .isInstanceOfSatisfying(ConsoleAppender.class, appender -> {
                assertThat(appender.getTarget()).isEqualTo("System.err");
                assertThat(appender.isStarted()).isTrue();
            });
    }
}
