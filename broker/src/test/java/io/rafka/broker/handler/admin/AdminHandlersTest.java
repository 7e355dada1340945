package io.rafka.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.log.LogConfig;
import io.rafka.log.PartitionLog;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unmodified kafka-clients {@link Admin} against a real single node (one-voter Ratis quorum, log manager,
 * Kafka server with the admin handlers). One node for the whole class: it takes seconds to start.
 */
class AdminHandlersTest {

    private static final long TIMEOUT_S = 30;

    @TempDir
    static Path dir;

    private static HandlerTestNode node;
    private static Admin admin;

    @BeforeAll
    static void startNode() throws Exception {
        node = HandlerTestNode.start(dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void createdTopicIsDescribedWithItsPartitionsAndId() throws Exception {
        CreateTopicsResult created = admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)));
        Uuid topicId = created.topicId("orders").get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(created.numPartitions("orders").get()).isEqualTo(3);
        assertThat(created.replicationFactor("orders").get()).isEqualTo(1);
        assertThat(created.config("orders").get().get("cleanup.policy").value()).isEqualTo("delete");

        TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get("orders");
        assertThat(description.topicId()).isEqualTo(topicId);
        assertThat(description.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(description.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isEqualTo(HandlerTestNode.NODE_ID));
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicExistsException.class);
    }

    @Test
    void topicNamesFollowKafkasRules() {
        assertThatThrownBy(() -> create("bad name!", 1, (short) 1)).hasCauseInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("contains a character other than ASCII alphanumerics");
        assertThatThrownBy(() -> create("..", 1, (short) 1)).hasCauseInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("cannot be \".\" or \"..\"");
        assertThatThrownBy(() -> create("x".repeat(250), 1, (short) 1)).hasCauseInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("can't be longer than 249 characters");
    }

    @Test
    void replicationFactorAboveBrokerCountIsRefusedWithAMessage() {
        assertThatThrownBy(() -> create("too-replicated", 1, (short) 3))
                .hasCauseInstanceOf(InvalidReplicationFactorException.class)
                .cause().message().isNotBlank().isNotEqualTo(
                        org.apache.kafka.common.protocol.Errors.INVALID_REPLICATION_FACTOR.message());
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        admin.createTopics(List.of(new NewTopic("dry-run", 2, (short) 1)), new CreateTopicsOptions().validateOnly(true))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(admin.listTopics().listings().get(TIMEOUT_S, TimeUnit.SECONDS))
                .extracting(TopicListing::name).doesNotContain("dry-run");
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("dry-bad", 1, (short) 3)),
                new CreateTopicsOptions().validateOnly(true)).all().get(TIMEOUT_S, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void topicsAreDeletedByNameAndById() throws Exception {
        create("doomed-by-name", 1, (short) 1);
        Uuid id = admin.createTopics(List.of(new NewTopic("doomed-by-id", 1, (short) 1))).topicId("doomed-by-id")
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        admin.deleteTopics(TopicCollection.ofTopicNames(List.of("doomed-by-name"))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(id))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(node.quorum.currentImage().topicsByName()).doesNotContainKeys("doomed-by-name", "doomed-by-id");
        assertThatThrownBy(() -> admin.deleteTopics(TopicCollection.ofTopicNames(List.of("never-was"))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void createPartitionsGrowsATopicAndNeverShrinksIt() throws Exception {
        create("growing", 1, (short) 1);
        admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(describe("growing").partitions()).hasSize(4);
        assertThatThrownBy(() -> admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidPartitionsException.class);
    }

    @Test
    void describeConfigsReportsOverridesAndDefaultsWithTheirSources() throws Exception {
        admin.createTopics(List.of(new NewTopic("configured", 1, (short) 1).configs(Map.of("retention.ms", "1000"))))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Config config = describeConfigs(new ConfigResource(ConfigResource.Type.TOPIC, "configured"));
        assertThat(config.get("retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("retention.ms").synonyms()).extracting(ConfigEntry.ConfigSynonym::source)
                .containsExactly(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("segment.bytes").value()).isEqualTo(Integer.toString(node.config.segmentBytes()));
        assertThat(config.get("segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(config.get("segment.bytes").isDefault()).isTrue();

        Config broker = describeConfigs(new ConfigResource(ConfigResource.Type.BROKER, "1"));
        assertThat(broker.get("node.id").value()).isEqualTo("1");
        assertThat(broker.get("node.id").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(broker.get("offsets.topic.num.partitions").value()).isEqualTo("3");

        assertThatThrownBy(() -> describeConfigs(new ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic")))
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void incrementalAlterConfigsSetsAndDeletesAndRefusesBadValuesWithKafkasMessage() throws Exception {
        create("tuned", 1, (short) 1);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "tuned");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("min.insync.replicas", "2"), AlterConfigOp.OpType.SET)))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(describeConfigs(topic).get("min.insync.replicas").value()).isEqualTo("2");

        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("min.insync.replicas", "abc"), AlterConfigOp.OpType.SET)))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS))
                .hasCauseInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Invalid value abc for configuration min.insync.replicas");

        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("min.insync.replicas", null), AlterConfigOp.OpType.DELETE)))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(describeConfigs(topic).get("min.insync.replicas").source())
                .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    /** Kafka 4's Admin no longer sends AlterConfigs, but older tools do: sent here as bytes on a socket. */
    @Test
    void legacyAlterConfigsReplacesTheWholeSetOfOverrides() throws Exception {
        admin.createTopics(List.of(new NewTopic("replaced", 1, (short) 1).configs(Map.of("min.insync.replicas", "2"))))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "replaced");
        Map<ConfigResource, AlterConfigsRequest.Config> configs = Map.of(topic, new AlterConfigsRequest.Config(
                List.of(new AlterConfigsRequest.ConfigEntry("retention.ms", "5000"))));
        try (BlockingWireClient client = new BlockingWireClient("127.0.0.1", node.port())) {
            AlterConfigsResponse response = client.roundTrip(new AlterConfigsRequest.Builder(configs, false), (short) 2,
                    AlterConfigsResponse.class);
            assertThat(response.data().responses()).singleElement()
                    .satisfies(r -> assertThat(r.errorCode()).isEqualTo((short) 0));
        }
        Config config = describeConfigs(topic);
        assertThat(config.get("retention.ms").value()).isEqualTo("5000");
        assertThat(config.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void describeClusterNamesTheClusterThisBrokerAndAController() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        assertThat(cluster.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS)).isEqualTo(node.quorum.clusterId());
        assertThat(cluster.nodes().get(TIMEOUT_S, TimeUnit.SECONDS)).extracting(Node::id, Node::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HandlerTestNode.NODE_ID, node.port()));
        assertThat(cluster.controller().get(TIMEOUT_S, TimeUnit.SECONDS).id()).isEqualTo(HandlerTestNode.NODE_ID);
    }

    @Test
    void describeMetadataQuorumReportsTheRaftLeaderAndVoters() throws Exception {
        QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(quorum.leaderId()).isEqualTo(HandlerTestNode.NODE_ID);
        assertThat(quorum.leaderEpoch()).isPositive();
        assertThat(quorum.highWatermark()).isPositive();
        assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(HandlerTestNode.NODE_ID);
        assertThat(quorum.voters().get(0).logEndOffset()).isGreaterThanOrEqualTo(quorum.highWatermark());
        assertThat(quorum.nodes()).containsKey(HandlerTestNode.NODE_ID);
    }

    @Test
    void describeLogDirsReportsEachPartitionWithItsSize() throws Exception {
        PartitionLog log = node.logManager.getOrCreateLog("on-disk", 0, LogConfig.defaults());
        log.appendAsLeader(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("k".getBytes(),
                "v".getBytes())).buffer(), 0);
        Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(HandlerTestNode.NODE_ID)).allDescriptions()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(HandlerTestNode.NODE_ID);
        assertThat(dirs).hasSize(1);
        LogDirDescription description = dirs.values().iterator().next();
        assertThat(description.error()).isNull();
        assertThat(description.totalBytes()).isPresent();
        assertThat(description.replicaInfos().get(new TopicPartition("on-disk", 0)).size())
                .isEqualTo(log.sizeBytes()).isPositive();
    }

    @Test
    void preferredElectionOfAPartitionLedByItsPreferredReplicaIsNotNeeded() throws Exception {
        create("elected", 1, (short) 1);
        TopicPartition partition = new TopicPartition("elected", 0);
        Map<TopicPartition, Optional<Throwable>> results = admin.electLeaders(ElectionType.PREFERRED, Set.of(partition))
                .partitions().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(results.get(partition)).containsInstanceOf(ElectionNotNeededException.class);
    }

    @Test
    void reassignmentsAreListedAndBadTargetsRefused() throws Exception {
        create("moving", 1, (short) 1);
        TopicPartition partition = new TopicPartition("moving", 0);
        assertThat(admin.listPartitionReassignments().reassignments().get(TIMEOUT_S, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> admin.alterPartitionReassignments(Map.of(partition,
                Optional.of(new NewPartitionReassignment(List.of(7))))).all().get(TIMEOUT_S, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(org.apache.kafka.common.errors.ApiException.class);
    }

    private static void create(String name, int partitions, short replicationFactor) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static TopicDescription describe(String name) throws Exception {
        return admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(name);
    }

    private static Config describeConfigs(ConfigResource resource) throws Exception {
        Collection<ConfigResource> resources = List.of(resource);
        return admin.describeConfigs(resources, new DescribeConfigsOptions().includeSynonyms(true)).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);
    }
}
