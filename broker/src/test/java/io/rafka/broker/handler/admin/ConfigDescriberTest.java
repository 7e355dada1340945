package io.rafka.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.image.MetadataImage;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.junit.jupiter.api.Test;

/** The precedence of config sources, one rule per test, without a node. */
class ConfigDescriberTest {

    private static final RafkaConfig CONFIG = RafkaConfig.fromMap(Map.of("node.id", "1", "log.retention.hours", "48"));

    @Test
    void aTopicOverrideWinsAndEveryLowerSourceIsASynonym() {
        MetadataImage image = image(Map.of(ConfigResource.CLUSTER_DEFAULT, Map.of("log.retention.ms", "5000")));
        ConfigDescriber.Described retention = topicKey(new ConfigDescriber(CONFIG)
                .describeTopic(Map.of("retention.ms", "1000"), image), "retention.ms");
        assertThat(retention.value()).isEqualTo("1000");
        assertThat(retention.source()).isEqualTo(ConfigSource.TOPIC_CONFIG);
        assertThat(retention.synonyms()).extracting(ConfigDescriber.Synonym::name, ConfigDescriber.Synonym::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("retention.ms", ConfigSource.TOPIC_CONFIG),
                        org.assertj.core.groups.Tuple.tuple("log.retention.ms", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG),
                        org.assertj.core.groups.Tuple.tuple("log.retention.hours", ConfigSource.STATIC_BROKER_CONFIG));
    }

    @Test
    void thisBrokersDynamicConfigBeatsTheClusterDefault() {
        MetadataImage image = image(Map.of(
                ConfigResource.CLUSTER_DEFAULT, Map.of("min.insync.replicas", "2"),
                new ConfigResource(ConfigResource.Type.BROKER, "1"), Map.of("min.insync.replicas", "3")));
        ConfigDescriber.Described minIsr = topicKey(new ConfigDescriber(CONFIG).describeTopic(Map.of(), image),
                "min.insync.replicas");
        assertThat(minIsr.value()).isEqualTo("3");
        assertThat(minIsr.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
    }

    @Test
    void aDynamicBrokerConfigOutsideTheCatalogIsShownAsSet() {
        MetadataImage image = image(Map.of(new ConfigResource(ConfigResource.Type.BROKER, "1"),
                Map.of("follower.replication.throttled.rate", "1000")));
        ConfigDescriber.Described rate = topicKey(new ConfigDescriber(CONFIG).describeBroker(image),
                "follower.replication.throttled.rate");
        assertThat(rate.value()).isEqualTo("1000");
        assertThat(rate.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
    }

    @Test
    void aStaticBrokerValueIsReportedInTheTopicsUnitsFromTheTypedGetter() {
        ConfigDescriber.Described retention = topicKey(new ConfigDescriber(CONFIG)
                .describeTopic(Map.of(), MetadataImage.EMPTY), "retention.ms");
        assertThat(retention.value()).isEqualTo(Long.toString(48L * 3_600_000L));
        assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
    }

    @Test
    void anUnsetKeyIsTheDefault() {
        ConfigDescriber.Described cleanup = topicKey(new ConfigDescriber(CONFIG)
                .describeTopic(Map.of(), MetadataImage.EMPTY), "cleanup.policy");
        assertThat(cleanup.value()).isEqualTo("delete");
        assertThat(cleanup.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void theClusterDefaultResourceListsOnlyWhatWasSet() {
        MetadataImage image = image(Map.of(ConfigResource.CLUSTER_DEFAULT, Map.of("log.retention.ms", "5000")));
        assertThat(new ConfigDescriber(CONFIG).describeClusterDefaults(image))
                .extracting(ConfigDescriber.Described::name).containsExactly("log.retention.ms");
    }

    private static MetadataImage image(Map<ConfigResource, Map<String, String>> configs) {
        return new MetadataImage(0, Map.of(), Map.of(), Map.of(), configs, 0);
    }

    private static ConfigDescriber.Described topicKey(List<ConfigDescriber.Described> described, String name) {
        return described.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
