package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.AllocateProducerIds;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.DeleteTopics;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.IncrementalAlterConfigs.Op;
import io.rafka.metadata.api.IncrementalAlterConfigs.OpType;
import io.rafka.metadata.api.MetadataError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicAndConfigTest {

    private final ControllerConfig config = ControllerConfig.DEFAULTS;

    @Test
    void twoConcurrentCreatesOfOneTopicNeverBothSucceed() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        var first = h.controller.handle(new CreateTopics.Request(List.of(CreateTopics.Topic.of("t", 1, 3)), false), h.now());
        var second = h.controller.handle(new CreateTopics.Request(List.of(CreateTopics.Topic.of("t", 2, 1)), false), h.now());
        assertThat(((CreateTopics.Response) first.response()).results().get(0).error().isSuccess()).isTrue();
        CreateTopics.Result refused = ((CreateTopics.Response) second.response()).results().get(0);
        assertThat(refused.error().error()).isEqualTo(MetadataError.TOPIC_ALREADY_EXISTS);
        assertThat(refused.error().message()).isEqualTo("Topic 't' already exists.");
        assertThat(second.records()).isEmpty();
    }

    @Test
    void validateOnlyWritesNothing() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1);
        CreateTopics.Response response = h.send(new CreateTopics.Request(List.of(CreateTopics.Topic.of("t", 1, 1)), true));
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
        assertThat(h.committed.topic("t")).isEmpty();
    }

    @Test
    void illegalTopicNamesAreRefused() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1);
        for (String name : List.of("", ".", "..", "a/b", "x".repeat(250))) {
            assertThat(h.createTopic(name, 1, 1).error().error()).as(name).isEqualTo(MetadataError.INVALID_TOPIC_EXCEPTION);
        }
    }

    @Test
    void deleteRemovesTopicAndItsConfigs() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1);
        h.send(new CreateTopics.Request(List.of(new CreateTopics.Topic("t", 1, 1, Map.of(),
            Map.of("retention.ms", "1000"))), false));
        assertThat(h.committed.configs(ConfigResource.topic("t"))).containsEntry("retention.ms", "1000");
        DeleteTopics.Response response = h.send(new DeleteTopics.Request(List.of("t", "nope"), List.of()));
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
        assertThat(response.results().get(1).error().error()).isEqualTo(MetadataError.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(h.committed.topic("t")).isEmpty();
        assertThat(h.committed.configs()).isEmpty();
    }

    @Test
    void badConfigValuesGetKafkasMessages() {
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "min.insync.replicas", "abc").message())
            .isEqualTo("Invalid value abc for configuration min.insync.replicas: Not a number of type INT");
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "min.insync.replicas", "0").message())
            .isEqualTo("Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "cleanup.policy", "zip").message())
            .isEqualTo("Invalid value zip for configuration cleanup.policy: String must be one of: compact, delete");
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "unclean.leader.election.enable", "yes").message())
            .isEqualTo("Invalid value yes for configuration unclean.leader.election.enable: Expected value to be either true or false");
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "retention.ms", "-2").message())
            .isEqualTo("Invalid value -2 for configuration retention.ms: Value must be at least -1");
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "segment.bytes", "1000").error())
            .isEqualTo(MetadataError.INVALID_CONFIG);
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "no.such.key", "1").message())
            .isEqualTo("Unknown topic config name: no.such.key");
    }

    @Test
    void throttlesTimestampsAndCompressionAreTopicAndBrokerConfigsAsInKafka() {
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "follower.replication.throttled.replicas",
            "0:4,1:4").isSuccess()).isTrue();
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "leader.replication.throttled.replicas", "*")
            .isSuccess()).isTrue();
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "follower.replication.throttled.replicas",
            "0-4").message()).isEqualTo("Invalid value 0-4 for configuration follower.replication.throttled.replicas: "
            + "must be empty, * or a list of partition:broker pairs");
        assertThat(ConfigValidator.validate(ConfigResource.Type.BROKER, "follower.replication.throttled.rate",
            "1048576").isSuccess()).isTrue();
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "message.timestamp.type", "LogAppendTime")
            .isSuccess()).isTrue();
        assertThat(ConfigValidator.validate(ConfigResource.Type.TOPIC, "compression.type", "brotli").message())
            .isEqualTo("Invalid value brotli for configuration compression.type: String must be one of: "
                + "uncompressed, zstd, lz4, snappy, gzip, producer");
    }

    @Test
    void incrementalAlterConfigsSetsDeletesAndAppends() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1);
        h.createTopic("t", 1, 1);
        ConfigResource topic = ConfigResource.topic("t");
        IncrementalAlterConfigs.Response response = h.send(new IncrementalAlterConfigs.Request(List.of(
            new IncrementalAlterConfigs.Resource(topic, List.of(new Op("retention.bytes", OpType.SET, "1024"),
                new Op("cleanup.policy", OpType.APPEND, "compact"), new Op("cleanup.policy", OpType.APPEND, "delete"))),
            new IncrementalAlterConfigs.Resource(ConfigResource.CLUSTER_DEFAULT, List.of(
                new Op("min.insync.replicas", OpType.SET, "2")))), false));
        assertThat(response.results()).allMatch(r -> r.error().isSuccess());
        assertThat(h.committed.configs(topic)).containsEntry("retention.bytes", "1024")
            .containsEntry("cleanup.policy", "compact,delete");
        assertThat(h.committed.configs(ConfigResource.CLUSTER_DEFAULT)).containsEntry("min.insync.replicas", "2");
        h.send(new IncrementalAlterConfigs.Request(List.of(new IncrementalAlterConfigs.Resource(topic, List.of(
            new Op("retention.bytes", OpType.DELETE, null)))), false));
        assertThat(h.committed.configs(topic)).doesNotContainKey("retention.bytes");
        IncrementalAlterConfigs.Response bad = h.send(new IncrementalAlterConfigs.Request(List.of(
            new IncrementalAlterConfigs.Resource(topic, List.of(new Op("retention.ms", OpType.APPEND, "5")))), false));
        assertThat(bad.results().get(0).error().error()).isEqualTo(MetadataError.INVALID_CONFIG);
    }

    @Test
    void producerIdBlocksNeverOverlap() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2);
        AllocateProducerIds.Response a = h.send(new AllocateProducerIds.Request(1, h.brokerEpochs.get(1)));
        AllocateProducerIds.Response b = h.send(new AllocateProducerIds.Request(2, h.brokerEpochs.get(2)));
        assertThat(a.firstProducerId()).isEqualTo(0);
        assertThat(a.count()).isEqualTo(1000);
        assertThat(b.firstProducerId()).isEqualTo(1000);
        h.failOver();
        AllocateProducerIds.Response c = h.send(new AllocateProducerIds.Request(1, h.brokerEpochs.get(1)));
        assertThat(c.firstProducerId()).isEqualTo(2000);
    }
}
