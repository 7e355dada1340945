package io.rafka.broker.handler.admin;

import io.rafka.broker.config.RafkaConfig;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * One config key DescribeConfigs reports.
 *
 * @param name the key as the resource knows it ({@code retention.ms} for a topic, {@code log.retention.ms}
 *     for a broker)
 * @param brokerKey for a topic key, the broker key that supplies its default ({@code log.retention.ms}); for a
 *     broker key, the key itself
 * @param staticKeys the {@code server.properties} keys whose presence makes the value a static broker config
 *     (several for retention: {@code log.retention.ms|minutes|hours})
 * @param staticValue the value this node runs with, from the typed getter (so units and precedence are
 *     RafkaConfig's), as Kafka renders it
 * @param readOnly true for broker keys that only a restart can change
 *
 * <p>Immutable, thread-safe.
 */
record ConfigEntryDef(String name, String brokerKey, ConfigType type, List<String> staticKeys,
                      Function<RafkaConfig, String> staticValue, boolean readOnly) {

    static ConfigEntryDef topic(String name, String brokerKey, ConfigType type, Function<RafkaConfig, String> value,
                                String... staticKeys) {
        return new ConfigEntryDef(name, brokerKey, type, staticKeys.length == 0 ? List.of(brokerKey)
                : List.of(staticKeys), value, false);
    }

    static ConfigEntryDef broker(String name, ConfigType type, boolean readOnly, Function<RafkaConfig, String> value,
                                 String... staticKeys) {
        return new ConfigEntryDef(name, name, type, staticKeys.length == 0 ? List.of(name) : List.of(staticKeys),
                value, readOnly);
    }
}
