package io.rafka.broker.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.LambdaValidator;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validators for {@link RafkaConfigKeys} that Kafka's {@link ConfigDef} does not offer. Each one
 * describes what it accepts in its {@code toString()}, which is what error messages and the
 * documented properties show.
 *
 * <p>Stateless, thread-safe.
 */
final class ConfigValidators {

    private ConfigValidators() {}

    /** Accepts null (key not set, "use the derived value") or whatever {@code inner} accepts. */
    static Validator nullOr(Validator inner) {
        return LambdaValidator.with(
            (name, value) -> {
                if (value != null) {
                    inner.ensureValid(name, value);
                }
            },
            () -> inner + " (or unset)");
    }

    /** A non-empty list whose entries all belong to {@code allowed}, without repeats. */
    static Validator nonEmptyListOf(String... allowed) {
        Set<String> allowedSet = Set.of(allowed);
        return LambdaValidator.with(
            (name, value) -> {
                List<?> entries = (List<?>) value;
                if (entries.isEmpty()) {
                    throw new ConfigException(name, value, "must not be empty");
                }
                Set<Object> seen = new HashSet<>();
                for (Object entry : entries) {
                    if (!allowedSet.contains(entry)) {
                        throw new ConfigException(name, value, "each entry must be one of " + List.of(allowed));
                    }
                    if (!seen.add(entry)) {
                        throw new ConfigException(name, value, "'" + entry + "' is listed twice");
                    }
                }
            },
            () -> "non-empty list of " + List.of(allowed));
    }

    /** A list (possibly empty) whose every entry parses with {@code parser}. */
    static Validator listOf(Function<String, ?> parser, String entryDescription) {
        return LambdaValidator.with(
            (name, value) -> {
                if (value == null) {
                    return;
                }
                for (Object entry : (List<?>) value) {
                    try {
                        parser.apply((String) entry);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
            },
            () -> "comma-separated list of " + entryDescription);
    }

    /** A string that is not blank. */
    static Validator nonBlank() {
        return LambdaValidator.with(
            (name, value) -> {
                if (value != null && ((String) value).isBlank()) {
                    throw new ConfigException(name, value, "must not be blank");
                }
            },
            () -> "non-blank string");
    }

    /** Parser for list entries that must not be blank, for {@link #listOf}. */
    static String requireNonBlank(String entry) {
        if (entry.isBlank()) {
            throw new IllegalArgumentException("entries must not be blank");
        }
        return entry;
    }
}
