package io.rafka.broker.group;

import static io.rafka.broker.group.GroupTestKit.GROUP;
import static io.rafka.broker.group.GroupTestKit.configWithInitialDelayMs;
import static io.rafka.broker.group.GroupTestKit.coordinator;
import static io.rafka.broker.group.GroupTestKit.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.group.GroupTestKit.Answer;
import io.rafka.broker.group.GroupTestKit.RecordingSink;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {

    private final RecordingSink sink = new RecordingSink();
    private final GroupCoordinator coordinator = coordinator(sink, configWithInitialDelayMs(0));
    private final long nowMs = 1_000;

    private JoinGroupResult joinStatic(String instanceId, String memberId) {
        Answer<JoinGroupResult> answer = new Answer<>();
        coordinator.handleJoinGroup(join(memberId, instanceId, instanceId, "range"), nowMs, answer);
        return answer.last();
    }

    private String stableGroupWithStaticMember(String instanceId) {
        JoinGroupResult joined = joinStatic(instanceId, "");
        assertThat(joined.error()).as("static members skip MEMBER_ID_REQUIRED").isEqualTo(Errors.NONE);
        Answer<SyncGroupResult> synced = new Answer<>();
        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, joined.generationId(), joined.memberId(), instanceId,
                null, null, Map.of(joined.memberId(), new byte[] {7})), nowMs, synced);
        assertThat(synced.last().assignment()).containsExactly(7);
        return joined.memberId();
    }

    @Test
    void restartedStaticMemberGetsItsAssignmentBackWithoutARebalance() {
        String oldId = stableGroupWithStaticMember("instance-1");
        int generation = coordinator.generationOf(GROUP);

        JoinGroupResult rejoined = joinStatic("instance-1", "");
        assertThat(rejoined.error()).isEqualTo(Errors.NONE);
        assertThat(rejoined.memberId()).isNotEqualTo(oldId);
        assertThat(rejoined.generationId()).isEqualTo(generation);
        assertThat(rejoined.skipAssignment()).as("the leader keeps the assignment it already made").isTrue();
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.STABLE);

        Answer<SyncGroupResult> synced = new Answer<>();
        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, generation, rejoined.memberId(), "instance-1",
                null, null, Map.of()), nowMs, synced);
        assertThat(synced.last().assignment()).containsExactly(7);
    }

    @Test
    void theOldMemberIdOfARestartedInstanceIsFenced() {
        String oldId = stableGroupWithStaticMember("instance-1");
        joinStatic("instance-1", "");
        assertThat(coordinator.handleHeartbeat(GROUP, oldId, "instance-1", coordinator.generationOf(GROUP), nowMs))
                .isEqualTo(Errors.FENCED_INSTANCE_ID);
    }

    @Test
    void newStaticMemberIdIsPersistedSoACoordinatorMoveDoesNotFenceIt() {
        stableGroupWithStaticMember("instance-1");
        JoinGroupResult rejoined = joinStatic("instance-1", "");

        GroupCoordinator successor = coordinator(new RecordingSink(), configWithInitialDelayMs(0));
        sink.durable.forEach(record -> successor.replay(record, nowMs));
        assertThat(successor.handleHeartbeat(GROUP, rejoined.memberId(), "instance-1", rejoined.generationId(), nowMs))
                .isEqualTo(Errors.NONE);
    }
}
