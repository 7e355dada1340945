package io.rafka.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The CLI's logging, set up in code: one stderr appender, INFO for {@code io.rafka}, WARN for
 * everything else, ERROR for the client's connection-retry and DNS warnings (a command reports
 * those itself, once, when its timeout expires).
 *
 * <p>Why code and not a {@code logback.xml}: parsing XML costs logback ~40 ms of every start on a
 * cold JVM, a tenth of a node's start-up. A user's own configuration still wins: with
 * {@code -Dlogback.configurationFile=...}, or a {@code logback.xml} / {@code logback-test.xml} on
 * the class path (tests), this steps aside and logback reads that file as usual.
 *
 * <p>Found by logback through {@code META-INF/services}. Thread-safety: called once by logback.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
    static final Map<String, Level> LEVELS = Map.of(
        "io.rafka", Level.INFO,
        "org.apache.kafka", Level.WARN,
        "org.apache.kafka.clients.NetworkClient", Level.ERROR,
        "org.apache.kafka.clients.ClientUtils", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || hasResource("logback-test.xml")
                || hasResource("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean hasResource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : CliLogging.class.getClassLoader()).getResource(name) != null;
    }
}
