package io.rafka.broker.handler.admin;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * Resolves config values the way Kafka reports them: each key's value comes from the most specific source
 * that sets it (topic override, then this broker's dynamic config, then the cluster-wide dynamic default,
 * then {@code server.properties}, then the built-in default), and the sources below it are its synonyms.
 *
 * <p>Stateless, thread-safe.
 */
final class ConfigDescriber {

    /** One described key; {@code synonyms} lists every source that sets it, most specific first. */
    record Described(String name, String value, ConfigSource source, boolean readOnly, ConfigType type,
                     List<Synonym> synonyms) {}

    record Synonym(String name, String value, ConfigSource source) {}

    private final RafkaConfig config;

    ConfigDescriber(RafkaConfig config) {
        this.config = config;
    }

    /** A topic's configs given its overrides (from the image, or from a CreateTopics request). */
    List<Described> describeTopic(Map<String, String> overrides, MetadataImage image) {
        List<Described> described = new ArrayList<>();
        for (ConfigEntryDef def : ConfigCatalog.TOPIC) {
            List<Synonym> synonyms = new ArrayList<>();
            String override = overrides.get(def.name());
            if (override != null) {
                synonyms.add(new Synonym(def.name(), override, ConfigSource.TOPIC_CONFIG));
            }
            synonyms.addAll(brokerSynonyms(def, image));
            described.add(fromSynonyms(def.name(), def, synonyms));
        }
        // Overrides the catalog does not know (the controller accepted them) are reported as set.
        new TreeMap<>(overrides).forEach((name, value) -> {
            if (ConfigCatalog.topicKey(name) == null) {
                described.add(new Described(name, value, ConfigSource.TOPIC_CONFIG, false, ConfigType.UNKNOWN,
                        List.of(new Synonym(name, value, ConfigSource.TOPIC_CONFIG))));
            }
        });
        return described;
    }

    /** Read-only: what unclean elections cost this topic, {@code "partition:records,..."} ({@link #UNCLEAN_LOSS}). */
    static final String UNCLEAN_LOSS = "rafka.unclean.election.records.lost";

    /**
     * The records each partition lost to its last unclean election, as the controller computed them from
     * the replicas' reports (offsets the other replicas held past the new leader's end); empty when none
     * lost anything. Rafka's own entry: Kafka only logs this.
     */
    static java.util.Optional<Described> uncleanLoss(io.rafka.metadata.image.TopicImage topic) {
        StringBuilder value = new StringBuilder();
        new TreeMap<>(topic.partitions()).forEach((partition, registration) -> {
            io.rafka.metadata.record.UncleanElection unclean = registration.lastUncleanElection();
            if (unclean != null && unclean.totalOffsetsLost() > 0) {
                value.append(value.length() == 0 ? "" : ",").append(partition).append(':')
                    .append(unclean.totalOffsetsLost());
            }
        });
        if (value.length() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Described(UNCLEAN_LOSS, value.toString(), ConfigSource.DEFAULT_CONFIG, true,
            ConfigType.STRING, List.of()));
    }

    /** This broker's configs (resource name = its node id). */
    List<Described> describeBroker(MetadataImage image) {
        List<Described> described = new ArrayList<>();
        for (ConfigEntryDef def : ConfigCatalog.BROKER) {
            described.add(fromSynonyms(def.name(), def, brokerSynonyms(def, image)));
        }
        for (ConfigEntryDef def : ConfigCatalog.BROKER_TOPIC_DEFAULTS) {
            described.add(fromSynonyms(def.name(), def, brokerSynonyms(def, image)));
        }
        // Dynamic configs the catalog does not list (replication throttle rates, ...) are in force: show them.
        java.util.Set<String> listed = new java.util.HashSet<>();
        described.forEach(d -> listed.add(d.name()));
        new TreeMap<>(image.configs(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(config.nodeId()))))
                .forEach((name, value) -> {
                    if (!listed.contains(name)) {
                        described.add(new Described(name, value, ConfigSource.DYNAMIC_BROKER_CONFIG, false,
                                ConfigType.UNKNOWN, List.of(new Synonym(name, value, ConfigSource.DYNAMIC_BROKER_CONFIG))));
                    }
                });
        return described;
    }

    /** The cluster-wide dynamic defaults (resource name {@code ""}): only what has been set, as Kafka reports it. */
    List<Described> describeClusterDefaults(MetadataImage image) {
        List<Described> described = new ArrayList<>();
        new TreeMap<>(image.configs(ConfigResource.CLUSTER_DEFAULT)).forEach((name, value) -> described.add(
                new Described(name, value, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, false, ConfigType.UNKNOWN,
                        List.of(new Synonym(name, value, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)))));
        return described;
    }

    private List<Synonym> brokerSynonyms(ConfigEntryDef def, MetadataImage image) {
        List<Synonym> synonyms = new ArrayList<>();
        String key = def.brokerKey();
        String dynamicBroker = image.configs(new ConfigResource(ConfigResource.Type.BROKER,
                Integer.toString(config.nodeId()))).get(key);
        if (dynamicBroker != null) {
            synonyms.add(new Synonym(key, dynamicBroker, ConfigSource.DYNAMIC_BROKER_CONFIG));
        }
        String dynamicDefault = image.configs(ConfigResource.CLUSTER_DEFAULT).get(key);
        if (dynamicDefault != null) {
            synonyms.add(new Synonym(key, dynamicDefault, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
        }
        String staticKey = def.staticKeys().stream().filter(config.originals()::containsKey).findFirst().orElse(null);
        String value = def.staticValue().apply(config);
        if (staticKey != null) {
            synonyms.add(new Synonym(staticKey, value, ConfigSource.STATIC_BROKER_CONFIG));
        } else {
            synonyms.add(new Synonym(key, value, ConfigSource.DEFAULT_CONFIG));
        }
        return synonyms;
    }

    private static Described fromSynonyms(String name, ConfigEntryDef def, List<Synonym> synonyms) {
        Synonym winner = synonyms.get(0);
        return new Described(name, winner.value(), winner.source(), def.readOnly(), def.type(), List.copyOf(synonyms));
    }
}
