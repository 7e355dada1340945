package io.rafka.broker.handler.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.broker.group.GroupCoordinatorConfig;
import io.rafka.broker.group.GroupState;
import io.rafka.broker.group.JoinGroupRequest;
import io.rafka.broker.group.JoinGroupResult;
import io.rafka.broker.group.OffsetManager;
import io.rafka.common.Time;
import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.quorum.ControllerClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shell's own rules, over an in-memory offsets topic and a recording controller: routing by
 * {@code abs(hashCode) % partitions}, NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS, reload on regained
 * leadership, tick-driven session expiry, and a single creation request for the offsets topic.
 */
class GroupCoordinatorShellTest {

    private static final int NODE = 1;
    private static final int PARTITIONS = 4;
    private static final UUID TOPIC_ID = new UUID(7, 7);

    private final InMemoryOffsetsTopic topic = new InMemoryOffsetsTopic();
    private final List<ControllerRequest> controllerRequests = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> controllerAnswers = new CompletableFuture<>();
    private final AtomicReference<MetadataImage> image = new AtomicReference<>(MetadataImage.EMPTY);
    private final ControllerClient controller = request -> {
        controllerRequests.add(request);
        return controllerAnswers.thenApply(v -> new CreateTopics.Response(List.of(new CreateTopics.Result(
                GroupCoordinatorShell.OFFSETS_TOPIC, TOPIC_ID, ApiError.NONE, PARTITIONS, 1))));
    };
    private final GroupCoordinatorShell shell = new GroupCoordinatorShell(
            new GroupCoordinatorShell.Settings(NODE, PARTITIONS, (short) 1,
                    new GroupCoordinatorConfig(100, 60_000, 0, 100, 4096), 50),
            topic, topic, controller, image::get, Time.SYSTEM, new Random(1));

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void groupMapsToItsPartitionAsKafkaDoes() {
        for (String groupId : List.of("a", "orders-app", "Ünïcode", "x".repeat(300))) {
            assertThat(shell.partitionFor(groupId)).isEqualTo(Utils.abs(groupId.hashCode()) % PARTITIONS);
        }
    }

    @Test
    void groupOfAPartitionNotLedHereGetsNotCoordinator() throws Exception {
        shell.start();
        String group = groupIn(2);
        lead(Map.of(0, 0, 1, 0)); // partition 2 led elsewhere
        assertThat(errorFor(group)).isEqualTo(Errors.NOT_COORDINATOR);
    }

    @Test
    void groupOfAPartitionStillLoadingGetsLoadInProgressThenIsServed() throws Exception {
        shell.start();
        topic.holdLoads();
        String group = groupIn(1);
        lead(Map.of(1, 0));
        assertThat(errorFor(group)).isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
        topic.releaseLoads();
        await().atMost(Duration.ofSeconds(10)).until(() -> errorFor(group) == Errors.NONE);
    }

    @Test
    void committedOffsetsAreReloadedWhenLeadershipComesBackWithANewEpoch() throws Exception {
        shell.start();
        String group = groupIn(3);
        lead(Map.of(3, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> errorFor(group) == Errors.NONE);
        Map<TopicPartition, Errors> committed = shell.<Map<TopicPartition, Errors>>runForGroup(group, e -> Map.of(),
                (core, respond) -> core.offsets().handleOffsetCommit(group, "", null, -1, List.of(
                        new OffsetManager.PartitionOffset(new TopicPartition("t", 0), 11, -1, "")),
                        shell.nowMs(), respond)).get(10, TimeUnit.SECONDS);
        assertThat(committed).containsEntry(new TopicPartition("t", 0), Errors.NONE);
        assertThat(topic.batchCount(3)).isEqualTo(1);

        lead(Map.of());
        assertThat(errorFor(group)).isEqualTo(Errors.NOT_COORDINATOR);
        lead(Map.of(3, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> errorFor(group) == Errors.NONE);
        assertThat(fetch(group).get(new TopicPartition("t", 0)).offset()).isEqualTo(11);
    }

    @Test
    void aCommitWhoseAppendFailsIsRefusedAndNotVisible() throws Exception {
        shell.start();
        String group = groupIn(2);
        lead(Map.of(2, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> errorFor(group) == Errors.NONE);
        topic.failAppendsWith(Errors.NOT_LEADER_OR_FOLLOWER);
        Map<TopicPartition, Errors> committed = shell.<Map<TopicPartition, Errors>>runForGroup(group, e -> Map.of(),
                (core, respond) -> core.offsets().handleOffsetCommit(group, "", null, -1, List.of(
                        new OffsetManager.PartitionOffset(new TopicPartition("t", 0), 5, -1, "")),
                        shell.nowMs(), respond)).get(10, TimeUnit.SECONDS);
        // The client is told to find the coordinator again, as Kafka answers a lost offsets-partition leader.
        assertThat(committed).containsEntry(new TopicPartition("t", 0), Errors.NOT_COORDINATOR);
        assertThat(fetch(group).get(new TopicPartition("t", 0))).isNull();
    }

    @Test
    void anExpiredSessionIsRemovedByTheScheduledTick() throws Exception {
        shell.start();
        String group = groupIn(0);
        lead(Map.of(0, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> errorFor(group) == Errors.NONE);
        JoinGroupRequest join = new JoinGroupRequest(group, "", null, "client", "/127.0.0.1", 200, 200, "consumer",
                List.of(new JoinGroupRequest.Protocol("range", new byte[0])), false);
        JoinGroupResult joined = shell.<JoinGroupResult>runForGroup(group, e -> null,
                (core, respond) -> core.handleJoinGroup(join, shell.nowMs(), respond)).get(10, TimeUnit.SECONDS);
        assertThat(joined.error()).isEqualTo(Errors.NONE);
        assertThat(stateOf(group)).isEqualTo(GroupState.COMPLETING_REBALANCE);
        // Nobody syncs or heartbeats: only the tick can notice that the 200 ms session ran out.
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(group) == GroupState.EMPTY);
    }

    @Test
    void offsetsTopicIsRequestedOnceWithKafkasSettings() {
        shell.start();
        shell.maybeCreateOffsetsTopic();
        shell.maybeCreateOffsetsTopic(); // the first request is still in flight
        assertThat(controllerRequests).singleElement().isInstanceOfSatisfying(CreateTopics.Request.class, request -> {
            CreateTopics.Topic requested = request.topics().get(0);
            assertThat(requested.name()).isEqualTo("__consumer_offsets");
            assertThat(requested.numPartitions()).isEqualTo(PARTITIONS);
            assertThat(requested.replicationFactor()).isEqualTo(1);
            assertThat(requested.configs()).containsEntry("cleanup.policy", "compact");
        });
        controllerAnswers.complete(null);
        lead(Map.of(0, 0));
        shell.maybeCreateOffsetsTopic(); // the topic exists now
        assertThat(controllerRequests).hasSize(1);
    }

    @Test
    void requestsBeforeStartAreAnsweredCoordinatorNotAvailable() throws Exception {
        assertThat(errorFor("any")).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
    }

    // ---------------------------------------------------------------- helpers

    /** Publishes an image in which this node leads exactly {@code led} (partition -> leader epoch). */
    private void lead(Map<Integer, Integer> led) {
        Map<Integer, PartitionRegistration> partitions = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            int leader = led.containsKey(p) ? NODE : 2;
            int epoch = led.getOrDefault(p, 0);
            partitions.put(p, new PartitionRegistration(List.of(leader), List.of(leader), leader, epoch, epoch,
                    List.of(), List.of(), null));
        }
        TopicImage offsets = new TopicImage(GroupCoordinatorShell.OFFSETS_TOPIC, TOPIC_ID, partitions);
        MetadataImage next = new MetadataImage(image.get().offset() + 1, Map.of(),
                Map.of(offsets.name(), offsets), Map.of(TOPIC_ID, offsets), Map.of(), 0);
        image.set(next);
        shell.onLeadershipChange(next);
    }

    private String groupIn(int partition) {
        for (int i = 0; ; i++) {
            if (shell.partitionFor("group-" + i) == partition) {
                return "group-" + i;
            }
        }
    }

    private Errors errorFor(String group) throws Exception {
        return shell.<Errors>runForGroup(group, e -> e, (core, respond) -> respond.accept(Errors.NONE))
                .get(10, TimeUnit.SECONDS);
    }

    private GroupState stateOf(String group) throws Exception {
        return shell.<GroupState>runForGroup(group, e -> null,
                (core, respond) -> respond.accept(core.describeGroup(group).state())).get(10, TimeUnit.SECONDS);
    }

    private Map<TopicPartition, OffsetManager.CommittedOffset> fetch(String group) throws Exception {
        return shell.<Map<TopicPartition, OffsetManager.CommittedOffset>>runForGroup(group, e -> Map.of(),
                (core, respond) -> respond.accept(core.offsets().fetchOffsets(group, null))).get(10, TimeUnit.SECONDS);
    }
}
