package io.rafka.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;

/**
 * Text to typed values for {@link RafkaConfig}: reads the properties file and {@code key=value}
 * overrides, parses and validates each defined key, and turns Kafka's {@link ConfigException}
 * into an {@link InvalidConfigException} that names key, value and what is expected.
 *
 * <p>Stateless, thread-safe.
 */
final class ConfigParsing {

    private ConfigParsing() {}

    /** Every defined key's parsed value: the given one, else the default (null where there is none). */
    static Map<String, Object> parseKnownKeys(Map<String, String> properties) {
        Map<String, Object> parsed = new HashMap<>();
        for (ConfigKey key : RafkaConfigKeys.DEFINITION.configKeys().values()) {
            parsed.put(key.name, parseOne(key, properties.get(key.name)));
        }
        return parsed;
    }

    /** Given keys Rafka does not define, sorted. */
    static List<String> unknownKeys(Map<String, String> properties) {
        List<String> unknown = new ArrayList<>(new TreeSet<>(properties.keySet()));
        unknown.removeAll(RafkaConfigKeys.DEFINITION.names());
        return List.copyOf(unknown);
    }

    static Map<String, String> readPropertiesFile(Path propertiesFile) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            result.put(name, properties.getProperty(name));
        }
        return result;
    }

    static Map<String, String> parseOverrides(List<String> overrides) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new InvalidConfigException("(override)", override, "expected key=value");
            }
            result.put(override.substring(0, equals).trim(), override.substring(equals + 1).trim());
        }
        return result;
    }

    private static Object parseOne(ConfigKey key, String raw) {
        Object parsed;
        if (raw == null) {
            parsed = key.defaultValue;
        } else {
            try {
                parsed = ConfigDef.parseType(key.name, raw.trim(), key.type);
            } catch (ConfigException e) {
                throw new InvalidConfigException(key.name, raw, reason(key, e) + "; expected " + describe(key));
            }
        }
        if (key.validator != null) {
            try {
                key.validator.ensureValid(key.name, parsed);
            } catch (ConfigException e) {
                throw new InvalidConfigException(key.name, raw, reason(key, e) + "; expected " + describe(key));
            }
        }
        return parsed;
    }

    /** Kafka's ConfigException repeats name and value; keep only its reason. */
    private static String reason(ConfigKey key, ConfigException e) {
        String message = String.valueOf(e.getMessage());
        String marker = "for configuration " + key.name + ": ";
        int at = message.indexOf(marker);
        return at >= 0 ? message.substring(at + marker.length()) : message;
    }

    /** Type and accepted values, as shown in error messages and the documented properties. */
    static String describe(ConfigKey key) {
        String type = key.type.name().toLowerCase(Locale.ROOT);
        return key.validator == null ? type : type + ", " + key.validator;
    }
}
