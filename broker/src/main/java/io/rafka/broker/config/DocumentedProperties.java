package io.rafka.broker.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders the key definitions as a {@code server.properties} file: one comment line per key
 * (doc, type, accepted values) followed by {@code key=default}; keys without a default are written
 * commented out, so that loading the rendered text yields exactly the defaults.
 *
 * <p>Stateless, thread-safe.
 */
final class DocumentedProperties {

    private DocumentedProperties() {}

    static String render(ConfigDef definition) {
        StringBuilder out = new StringBuilder()
            .append("# Rafka server configuration: every key Rafka reads, with its default.\n")
            .append("# Key names and meanings are Kafka's; keys marked 'Rafka:' are Rafka's own.\n")
            .append("# Rendered by io.rafka.broker.config.RafkaConfig.documentedProperties().\n");
        for (ConfigKey key : definition.configKeys().values()) {
            out.append('\n')
                .append("# ").append(key.documentation)
                .append(" [").append(ConfigParsing.describe(key)).append("]\n");
            if (key.defaultValue == null) {
                out.append('#').append(key.name).append("=\n");
            } else {
                out.append(key.name).append('=').append(ConfigDef.convertToString(key.defaultValue, key.type)).append('\n');
            }
        }
        return out.toString();
    }
}
