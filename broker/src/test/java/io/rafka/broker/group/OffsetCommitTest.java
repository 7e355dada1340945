package io.rafka.broker.group;

import static io.rafka.broker.group.GroupTestKit.GROUP;
import static io.rafka.broker.group.GroupTestKit.configWithInitialDelayMs;
import static io.rafka.broker.group.GroupTestKit.coordinator;
import static io.rafka.broker.group.GroupTestKit.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.group.GroupTestKit.Answer;
import io.rafka.broker.group.GroupTestKit.RecordingSink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class OffsetCommitTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final RecordingSink sink = new RecordingSink();
    private final GroupCoordinator coordinator = coordinator(sink, configWithInitialDelayMs(0));
    private final long nowMs = 1_000;

    private Map<TopicPartition, Errors> commit(String memberId, int generation, TopicPartition partition, long offset) {
        Answer<Map<TopicPartition, Errors>> answer = new Answer<>();
        coordinator.offsets().handleOffsetCommit(GROUP, memberId, null, generation,
                List.of(new OffsetManager.PartitionOffset(partition, offset, 3, "meta")), nowMs, answer);
        return answer.last();
    }

    private String stableSingleMember() {
        Answer<JoinGroupResult> first = new Answer<>();
        coordinator.handleJoinGroup(join("", null, "a", "range"), nowMs, first);
        Answer<JoinGroupResult> second = new Answer<>();
        coordinator.handleJoinGroup(join(first.last().memberId(), null, "a", "range"), nowMs, second);
        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, 1, second.last().memberId(), null, null, null,
                Map.of()), nowMs, new Answer<>());
        return second.last().memberId();
    }

    @Test
    void memberCommitIsFetchableAfterItIsDurable() {
        String member = stableSingleMember();
        sink.hold = true;
        Answer<Map<TopicPartition, Errors>> answer = new Answer<>();
        coordinator.offsets().handleOffsetCommit(GROUP, member, null, 1,
                List.of(new OffsetManager.PartitionOffset(T0, 42, 3, "meta")), nowMs, answer);
        assertThat(coordinator.offsets().fetchOffsets(GROUP, List.of(T0)).get(T0)).isNull();
        sink.completeHeld(Errors.NONE);
        assertThat(answer.last()).containsEntry(T0, Errors.NONE);
        assertThat(coordinator.offsets().fetchOffsets(GROUP, List.of(T0)).get(T0).offset()).isEqualTo(42);
    }

    @Test
    void commitWithAStaleGenerationIsIllegal() {
        String member = stableSingleMember();
        assertThat(commit(member, 0, T0, 5)).containsEntry(T0, Errors.ILLEGAL_GENERATION);
        assertThat(commit("stranger", 1, T0, 5)).containsEntry(T0, Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void toolsMayCommitOnlyForAGroupNobodyConsumesWith() {
        assertThat(commit("", -1, T0, 5)).containsEntry(T0, Errors.NONE);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.EMPTY);
        stableSingleMember();
        assertThat(commit("", -1, T0, 6)).containsEntry(T0, Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.offsets().fetchOffsets(GROUP, null).get(T0).offset()).isEqualTo(5);
    }

    @Test
    void commitForAnUnknownGroupWithAGenerationIsIllegal() {
        assertThat(commit("m", 3, T0, 5)).containsEntry(T0, Errors.ILLEGAL_GENERATION);
    }

    @Test
    void failedWriteIsReportedAndNothingIsCommitted() {
        String member = stableSingleMember();
        sink.hold = true;
        Answer<Map<TopicPartition, Errors>> answer = new Answer<>();
        coordinator.offsets().handleOffsetCommit(GROUP, member, null, 1,
                List.of(new OffsetManager.PartitionOffset(T0, 42, 3, "")), nowMs, answer);
        sink.completeHeld(Errors.NOT_ENOUGH_REPLICAS);
        assertThat(answer.last()).containsEntry(T0, Errors.COORDINATOR_NOT_AVAILABLE);
        assertThat(coordinator.offsets().fetchOffsets(GROUP, List.of(T0)).get(T0)).isNull();
    }

    @Test
    void deleteGroupRefusesALiveGroupAndRemovesAnEmptyOneWithItsOffsets() {
        String member = stableSingleMember();
        commit(member, 1, T0, 9);
        Answer<Errors> refused = new Answer<>();
        coordinator.handleDeleteGroup(GROUP, nowMs, refused);
        assertThat(refused.last()).isEqualTo(Errors.NON_EMPTY_GROUP);

        coordinator.handleLeaveGroup(GROUP, List.of(new GroupCoordinator.LeavingMember(member, null)), nowMs);
        coordinator.tick(nowMs + 30_000);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.EMPTY);
        Answer<Errors> deleted = new Answer<>();
        coordinator.handleDeleteGroup(GROUP, nowMs, deleted);
        assertThat(deleted.last()).isEqualTo(Errors.NONE);
        assertThat(coordinator.listGroups(Set.of())).isEmpty();
        assertThat(coordinator.offsets().fetchOffsets(GROUP, null)).isEmpty();

        GroupCoordinator successor = coordinator(new RecordingSink(), configWithInitialDelayMs(0));
        sink.durable.forEach(record -> successor.replay(record, nowMs));
        assertThat(successor.listGroups(Set.of())).as("tombstones replay too").isEmpty();
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupIsSubscribedTo() {
        String member = stableSingleMember();
        commit(member, 1, T0, 9);
        commit(member, 1, new TopicPartition("other", 0), 4);
        Answer<OffsetManager.OffsetDeleteResult> answer = new Answer<>();
        coordinator.offsets().handleOffsetDelete(GROUP, List.of(T0, new TopicPartition("other", 0)),
                metadata -> Set.of("t"), nowMs, answer);
        assertThat(answer.last().partitionErrors())
                .containsEntry(T0, Errors.GROUP_SUBSCRIBED_TO_TOPIC)
                .containsEntry(new TopicPartition("other", 0), Errors.NONE);
        assertThat(coordinator.offsets().fetchOffsets(GROUP, null)).containsOnlyKeys(T0);
    }

    @Test
    void aNewCoordinatorReplayingTheRecordsSeesTheSameGroupAndOffsets() {
        String member = stableSingleMember();
        commit(member, 1, T0, 9);
        commit(member, 1, T1, 11);
        commit(member, 1, T0, 10);

        GroupCoordinator successor = coordinator(new RecordingSink(), configWithInitialDelayMs(0));
        sink.durable.forEach(record -> successor.replay(record, nowMs));
        assertThat(successor.stateOf(GROUP)).isEqualTo(GroupState.STABLE);
        assertThat(successor.generationOf(GROUP)).isEqualTo(1);
        assertThat(successor.memberIds(GROUP)).containsExactly(member);
        assertThat(successor.offsets().fetchOffsets(GROUP, null))
                .containsOnlyKeys(T0, T1)
                .hasEntrySatisfying(T0, committed -> assertThat(committed.offset()).isEqualTo(10));
        assertThat(successor.handleHeartbeat(GROUP, member, null, 1, nowMs)).isEqualTo(Errors.NONE);
    }
}
