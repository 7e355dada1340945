package io.rafka.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.broker.handler.admin.BlockingWireClient;
import io.rafka.broker.handler.admin.HandlerTestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic group protocol driven step by step with kafka-clients' own request objects over a socket, against a
 * real node: FindCoordinator (creates {@code __consumer_offsets}), JoinGroup (KIP-394 two-step), SyncGroup,
 * Heartbeat, OffsetCommit, OffsetFetch; then a restart over the same directories, after which the coordinator
 * reloads the partition from the log and the offsets and group are still there.
 */
class GroupProtocolOverTheWireTest {

    private static final String GROUP = "wire-group";
    private static final Duration RETRY_FOR = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void committedOffsetsAndGroupSurviveARestart() throws Exception {
        String memberId;
        try (HandlerTestNode node = HandlerTestNode.start(dir, Map.of());
             BlockingWireClient client = new BlockingWireClient("127.0.0.1", node.port())) {
            awaitCoordinator(client, node);
            memberId = joinAndSync(client);
            HeartbeatResponse heartbeat = client.roundTrip(new HeartbeatRequest.Builder(new HeartbeatRequestData()
                    .setGroupId(GROUP).setGenerationId(1).setMemberId(memberId)), (short) 4, HeartbeatResponse.class);
            assertThat(heartbeat.error()).isEqualTo(Errors.NONE);

            OffsetCommitResponse commit = client.roundTrip(OffsetCommitRequest.Builder.forTopicNames(new OffsetCommitRequestData()
                    .setGroupId(GROUP).setGenerationIdOrMemberEpoch(1).setMemberId(memberId)
                    .setTopics(List.of(new OffsetCommitRequestTopic().setName("t").setPartitions(List.of(
                            new OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(42)
                                    .setCommittedLeaderEpoch(3).setCommittedMetadata("meta")))))),
                    (short) 9, OffsetCommitResponse.class);
            assertThat(commit.data().topics().get(0).partitions().get(0).errorCode()).isEqualTo(Errors.NONE.code());

            assertCommitted(client, 42);
        }
        try (HandlerTestNode restarted = HandlerTestNode.start(dir, Map.of());
             BlockingWireClient client = new BlockingWireClient("127.0.0.1", restarted.port())) {
            awaitCoordinator(client, restarted);
            assertCommitted(client, 42);
            DescribeGroupsResponse described = client.roundTrip(new DescribeGroupsRequest.Builder(
                    new DescribeGroupsRequestData().setGroups(List.of(GROUP))), (short) 5, DescribeGroupsResponse.class);
            assertThat(described.data().groups().get(0).groupState()).isEqualTo("Stable");
            assertThat(described.data().groups().get(0).members()).extracting(m -> m.memberId())
                    .containsExactly(memberId);
        }
    }

    @Test
    void findCoordinatorAnswersASingleKeyBeforeV4AndRefusesTransactionKeys() throws Exception {
        try (HandlerTestNode node = HandlerTestNode.start(dir, Map.of());
             BlockingWireClient client = new BlockingWireClient("127.0.0.1", node.port())) {
            awaitCoordinator(client, node);
            FindCoordinatorResponse single = client.roundTrip(new FindCoordinatorRequest.Builder(
                    new FindCoordinatorRequestData().setKey(GROUP).setKeyType((byte) 0)), (short) 3,
                    FindCoordinatorResponse.class);
            assertThat(single.error()).isEqualTo(Errors.NONE);
            assertThat(single.node().id()).isEqualTo(HandlerTestNode.NODE_ID);
            assertThat(single.node().port()).isEqualTo(node.port());

            FindCoordinatorResponse transactional = client.roundTrip(new FindCoordinatorRequest.Builder(
                    new FindCoordinatorRequestData().setKeyType((byte) 1).setCoordinatorKeys(List.of("tx-1"))),
                    (short) 6, FindCoordinatorResponse.class);
            assertThat(transactional.data().coordinators()).singleElement().satisfies(c -> {
                assertThat(c.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
                assertThat(c.errorMessage()).contains("only GROUP");
            });
        }
    }

    private static void awaitCoordinator(BlockingWireClient client, HandlerTestNode node) {
        await().atMost(RETRY_FOR).untilAsserted(() -> {
            FindCoordinatorResponse response = client.roundTrip(new FindCoordinatorRequest.Builder(
                    new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of(GROUP))),
                    (short) 6, FindCoordinatorResponse.class);
            assertThat(response.data().coordinators()).singleElement().satisfies(c -> {
                assertThat(c.errorCode()).isEqualTo(Errors.NONE.code());
                assertThat(c.nodeId()).isEqualTo(HandlerTestNode.NODE_ID);
                assertThat(c.port()).isEqualTo(node.port());
            });
        });
    }

    /** Joins as a new member (MEMBER_ID_REQUIRED first), leads, assigns itself t-0; returns the member id. */
    private static String joinAndSync(BlockingWireClient client) throws Exception {
        AtomicReference<JoinGroupResponse> joined = new AtomicReference<>();
        await().atMost(RETRY_FOR).until(() -> {
            joined.set(join(client, ""));
            return joined.get().error() != Errors.COORDINATOR_LOAD_IN_PROGRESS;
        });
        assertThat(joined.get().error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        String memberId = joined.get().data().memberId();
        assertThat(memberId).isNotEmpty();

        JoinGroupResponse second = join(client, memberId);
        assertThat(second.error()).isEqualTo(Errors.NONE);
        assertThat(second.data().generationId()).isEqualTo(1);
        assertThat(second.data().leader()).isEqualTo(memberId);
        assertThat(second.data().protocolName()).isEqualTo("range");
        assertThat(second.data().members()).extracting(m -> m.memberId()).containsExactly(memberId);

        byte[] assignment = Utils.toArray(ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(List.of(new TopicPartition("t", 0)))));
        SyncGroupResponse sync = client.roundTrip(new SyncGroupRequest.Builder(new SyncGroupRequestData()
                .setGroupId(GROUP).setGenerationId(1).setMemberId(memberId).setProtocolType("consumer")
                .setProtocolName("range").setAssignments(List.of(new SyncGroupRequestAssignment()
                        .setMemberId(memberId).setAssignment(assignment)))), (short) 5, SyncGroupResponse.class);
        assertThat(sync.error()).isEqualTo(Errors.NONE);
        assertThat(sync.data().assignment()).isEqualTo(assignment);
        return memberId;
    }

    private static JoinGroupResponse join(BlockingWireClient client, String memberId) throws Exception {
        byte[] subscription = Utils.toArray(ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of("t"))));
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestProtocol().setName("range").setMetadata(subscription));
        return client.roundTrip(new JoinGroupRequest.Builder(new JoinGroupRequestData().setGroupId(GROUP)
                .setSessionTimeoutMs(30_000).setRebalanceTimeoutMs(30_000).setMemberId(memberId)
                .setProtocolType("consumer").setProtocols(protocols)), (short) 9, JoinGroupResponse.class);
    }

    /** Reads the offset back with the multi-group form (v9) and the single-group form (v7). */
    private static void assertCommitted(BlockingWireClient client, long offset) {
        await().atMost(RETRY_FOR).untilAsserted(() -> {
            OffsetFetchResponse multi = client.roundTrip(OffsetFetchRequest.Builder.forTopicNames(new OffsetFetchRequestData()
                    .setGroups(List.of(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(GROUP)
                            .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics().setName("t")
                                    .setPartitionIndexes(List.of(0, 1)))))), false),
                    (short) 9, OffsetFetchResponse.class);
            var group = multi.data().groups().get(0);
            assertThat(group.errorCode()).isEqualTo(Errors.NONE.code());
            var partitions = group.topics().get(0).partitions();
            assertThat(partitions.get(0).committedOffset()).isEqualTo(offset);
            assertThat(partitions.get(0).committedLeaderEpoch()).isEqualTo(3);
            assertThat(partitions.get(0).metadata()).isEqualTo("meta");
            assertThat(partitions.get(1).committedOffset()).isEqualTo(-1);

            OffsetFetchResponse single = client.roundTrip(OffsetFetchRequest.Builder.forTopicNames(new OffsetFetchRequestData()
                    .setGroupId(GROUP).setTopics(null), false), (short) 7, OffsetFetchResponse.class);
            assertThat(single.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(single.data().topics().get(0).partitions()).singleElement()
                    .satisfies(p -> assertThat(p.committedOffset()).isEqualTo(offset));
        });
    }
}
