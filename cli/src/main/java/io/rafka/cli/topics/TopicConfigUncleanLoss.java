package io.rafka.cli.topics;

import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterSession;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Reads the records lost to unclean elections from a read-only topic config the Rafka broker
 * exposes through DescribeConfigs: {@value #CONFIG_NAME} = {@code "partition:records,..."}, e.g.
 * {@code "0:120,3:7"}, listing only partitions that lost something. Apache Kafka has no such
 * config, so against it every partition shows "-".
 *
 * <p>Thread-safety: stateless.
 */
public final class TopicConfigUncleanLoss implements UncleanLossSource {
    public static final String CONFIG_NAME = "rafka.unclean.election.records.lost";

    @Override
    public Map<TopicPartition, Long> recordsLost(ClusterSession session, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = session.await(session.admin().describeConfigs(resources).all(), "describe topic configs");
        } catch (CliException e) {
            // NB: the column is informative; a broker that cannot describe configs must not fail the describe.
            return Map.of();
        }
        Map<TopicPartition, Long> lost = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(CONFIG_NAME);
            if (entry != null && entry.value() != null) {
                parse(entry.value()).forEach((partition, records) ->
                        lost.put(new TopicPartition(resource.name(), partition), records));
            }
        });
        return lost;
    }

    /**
     * Parses {@code "0:120,3:7"}. A malformed pair is skipped rather than failing the describe,
     * which leaves that partition at "-" (not reported) instead of guessing.
     */
    static Map<Integer, Long> parse(String value) {
        Map<Integer, Long> lost = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2) {
                continue;
            }
            try {
                int partition = Integer.parseInt(parts[0].trim());
                long records = Long.parseLong(parts[1].trim());
                if (partition >= 0 && records >= 0) {
                    lost.put(partition, records);
                }
            } catch (NumberFormatException notANumber) {
                // skipped: see the method comment
            }
        }
        return lost;
    }
}
