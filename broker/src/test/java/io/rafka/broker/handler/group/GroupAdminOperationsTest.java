package io.rafka.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.broker.handler.admin.HandlerTestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group APIs through unmodified kafka-clients: a {@link KafkaConsumer} commits and reads offsets
 * (FindCoordinator v6, OffsetCommit, OffsetFetch), and the {@link Admin} client lists, describes, alters and
 * deletes groups and their offsets (ListGroups, DescribeGroups, OffsetCommit as a tool, OffsetDelete,
 * DeleteGroups). No produce or fetch path is needed for any of these.
 */
class GroupAdminOperationsTest {

    private static final long TIMEOUT_S = 30;
    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

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
    void consumerCommitsAndReadsBackItsOffsets() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("committing-app")) {
            consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(7, "seven")), Duration.ofSeconds(TIMEOUT_S));
            OffsetAndMetadata committed = consumer.committed(Set.of(PARTITION), Duration.ofSeconds(TIMEOUT_S))
                    .get(PARTITION);
            assertThat(committed.offset()).isEqualTo(7);
            assertThat(committed.metadata()).isEqualTo("seven");
        }
        Map<TopicPartition, OffsetAndMetadata> listed = admin.listConsumerGroupOffsets("committing-app")
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(listed).containsOnlyKeys(PARTITION);
        assertThat(listed.get(PARTITION).offset()).isEqualTo(7);
    }

    @Test
    void aToolAltersListsDescribesAndDeletesAGroupAndItsOffsets() throws Exception {
        admin.alterConsumerGroupOffsets("tool-group", Map.of(PARTITION, new OffsetAndMetadata(100))).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(admin.listConsumerGroupOffsets("tool-group").partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(PARTITION).offset()).isEqualTo(100);

        assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT_S, TimeUnit.SECONDS))
                .filteredOn(g -> g.groupId().equals("tool-group")).singleElement()
                .satisfies(g -> assertThat(g.groupState()).contains(GroupState.EMPTY));

        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of("tool-group"))
                .describedGroups().get("tool-group").get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(description.groupState()).isEqualTo(GroupState.EMPTY);
        assertThat(description.members()).isEmpty();

        admin.deleteConsumerGroupOffsets("tool-group", Set.of(PARTITION)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(admin.listConsumerGroupOffsets("tool-group").partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).isEmpty();

        admin.deleteConsumerGroups(List.of("tool-group")).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        assertThat(admin.listGroups().all().get(TIMEOUT_S, TimeUnit.SECONDS)).extracting(GroupListing::groupId)
                .doesNotContain("tool-group");
        assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of("tool-group")).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(GroupIdNotFoundException.class);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String groupId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
