package io.rafka.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands for picocli, handing the {@link CliEnvironment} to every command that declares
 * a constructor taking it; other classes (converters, mixins) get picocli's default factory.
 *
 * <p>Thread-safety: immutable.
 */
final class EnvironmentFactory implements CommandLine.IFactory {
    private final CliEnvironment environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    EnvironmentFactory(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withEnvironment;
        try {
            withEnvironment = type.getDeclaredConstructor(CliEnvironment.class);
        } catch (NoSuchMethodException noEnvironmentNeeded) {
            return fallback.create(type);
        }
        withEnvironment.setAccessible(true);
        return withEnvironment.newInstance(environment);
    }
}
