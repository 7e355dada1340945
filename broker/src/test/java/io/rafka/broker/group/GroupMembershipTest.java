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
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

    private final RecordingSink sink = new RecordingSink();
    private final GroupCoordinator coordinator = coordinator(sink, configWithInitialDelayMs(0));
    private long nowMs = 1_000;

    {
        sink.clock = () -> nowMs;
    }

    /** Runs the two-step join of a new dynamic member and returns its member id. */
    private String memberIdFor(String clientId) {
        Answer<JoinGroupResult> first = new Answer<>();
        coordinator.handleJoinGroup(join("", null, clientId, "range"), nowMs, first);
        assertThat(first.last().error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
        return first.last().memberId();
    }

    private Answer<JoinGroupResult> rejoin(String memberId, String clientId) {
        Answer<JoinGroupResult> answer = new Answer<>();
        coordinator.handleJoinGroup(join(memberId, null, clientId, "range"), nowMs, answer);
        return answer;
    }

    private Answer<SyncGroupResult> sync(String memberId, int generation, Map<String, byte[]> assignments) {
        Answer<SyncGroupResult> answer = new Answer<>();
        coordinator.handleSyncGroup(new SyncGroupRequest(GROUP, generation, memberId, null, "consumer", "range",
                assignments), nowMs, answer);
        return answer;
    }

    @Test
    void newMemberMustRejoinWithTheIdItIsGiven() {
        String memberId = memberIdFor("c1");
        assertThat(memberId).startsWith("c1-");
        Answer<JoinGroupResult> joined = rejoin(memberId, "c1");
        assertThat(joined.last().error()).isEqualTo(Errors.NONE);
        assertThat(joined.last().generationId()).isEqualTo(1);
        assertThat(joined.last().leaderId()).isEqualTo(memberId);
        assertThat(joined.last().members()).hasSize(1);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.COMPLETING_REBALANCE);
    }

    @Test
    void joinWithAMadeUpMemberIdIsRefused() {
        memberIdFor("c1");
        assertThat(rejoin("nobody", "c1").last().error()).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void rebalanceCompletesWhenEveryKnownMemberHasRejoinedAndOnlyTheLeaderSeesMembers() {
        String a = memberIdFor("a");
        Answer<JoinGroupResult> aJoin = rejoin(a, "a");
        sync(a, 1, Map.of(a, new byte[] {1}));
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.STABLE);

        String b = memberIdFor("b");
        Answer<JoinGroupResult> bJoin = rejoin(b, "b");
        assertThat(bJoin.answered()).as("b waits until a rejoins").isFalse();
        assertThat(coordinator.handleHeartbeat(GROUP, a, null, 1, nowMs)).isEqualTo(Errors.REBALANCE_IN_PROGRESS);

        aJoin = rejoin(a, "a");
        assertThat(aJoin.last().generationId()).isEqualTo(2);
        assertThat(bJoin.last().generationId()).isEqualTo(2);
        assertThat(aJoin.last().leaderId()).isEqualTo(a);
        assertThat(aJoin.last().members()).extracting(JoinGroupResult.Member::memberId).containsExactly(a, b);
        assertThat(bJoin.last().members()).isEmpty();
    }

    @Test
    void followersGetTheLeadersAssignmentOnlyAfterItIsPersisted() {
        String a = memberIdFor("a");
        String b = memberIdFor("b");
        rejoin(a, "a");
        rejoin(b, "b");
        Answer<SyncGroupResult> bSync = sync(b, 1, Map.of());
        assertThat(bSync.answered()).isFalse();

        sink.hold = true;
        Answer<SyncGroupResult> aSync = sync(a, 1, Map.of(a, new byte[] {1}, b, new byte[] {2}));
        assertThat(aSync.answered()).isFalse();
        assertThat(bSync.answered()).isFalse();

        sink.completeHeld(Errors.NONE);
        assertThat(aSync.last().assignment()).containsExactly(1);
        assertThat(bSync.last().assignment()).containsExactly(2);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void failedAssignmentWriteSendsEveryoneBackToRejoin() {
        String a = memberIdFor("a");
        rejoin(a, "a");
        sink.hold = true;
        Answer<SyncGroupResult> aSync = sync(a, 1, Map.of(a, new byte[] {1}));
        sink.completeHeld(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(aSync.last().error()).isEqualTo(Errors.NOT_COORDINATOR);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void syncWithAnOldGenerationIsIllegal() {
        String a = memberIdFor("a");
        rejoin(a, "a");
        assertThat(sync(a, 0, Map.of()).last().error()).isEqualTo(Errors.ILLEGAL_GENERATION);
    }

    @Test
    void expiredSessionRemovesTheMemberAndRebalancesTheRest() {
        String a = memberIdFor("a");
        String b = memberIdFor("b");
        rejoin(a, "a");
        rejoin(b, "b");
        sync(a, 1, Map.of());
        sync(b, 1, Map.of());

        nowMs += 6_000;
        assertThat(coordinator.handleHeartbeat(GROUP, a, null, 1, nowMs)).isEqualTo(Errors.NONE);
        nowMs += 4_000; // b is now 10 s (its session timeout) without a heartbeat
        coordinator.tick(nowMs);

        assertThat(coordinator.memberIds(GROUP)).containsExactly(a);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        Answer<JoinGroupResult> aJoin = rejoin(a, "a");
        assertThat(aJoin.last().generationId()).isEqualTo(2);
        assertThat(aJoin.last().members()).hasSize(1);
    }

    @Test
    void memberThatDoesNotRejoinWithinTheRebalanceTimeoutIsDropped() {
        String a = memberIdFor("a");
        rejoin(a, "a");
        sync(a, 1, Map.of());
        String b = memberIdFor("b");
        Answer<JoinGroupResult> bJoin = rejoin(b, "b");
        assertThat(bJoin.answered()).isFalse();

        nowMs += 30_000; // the rebalance timeout; a keeps heartbeating but never rejoins
        coordinator.handleHeartbeat(GROUP, a, null, 1, nowMs - 1);
        coordinator.tick(nowMs);

        assertThat(bJoin.last().error()).isEqualTo(Errors.NONE);
        assertThat(bJoin.last().leaderId()).isEqualTo(b);
        assertThat(coordinator.memberIds(GROUP)).containsExactly(b);
        assertThat(coordinator.handleHeartbeat(GROUP, a, null, 1, nowMs)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    }

    @Test
    void memberThatNeverSyncsIsDroppedAfterTheRebalanceTimeout() {
        String a = memberIdFor("a");
        String b = memberIdFor("b");
        rejoin(a, "a");
        rejoin(b, "b");
        Answer<SyncGroupResult> bSync = sync(b, 1, Map.of());
        // a, the leader, keeps heartbeating but never sends its SyncGroup.
        for (int i = 0; i < 6; i++) {
            nowMs += 5_000;
            assertThat(coordinator.handleHeartbeat(GROUP, a, null, 1, nowMs - 1)).isEqualTo(Errors.NONE);
            coordinator.tick(nowMs - 1);
        }
        assertThat(coordinator.memberIds(GROUP)).containsExactlyInAnyOrder(a, b);
        coordinator.tick(nowMs);
        assertThat(coordinator.memberIds(GROUP)).containsExactly(b);
        assertThat(bSync.last().error()).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void leaveGroupRemovesTheMemberAndRebalances() {
        String a = memberIdFor("a");
        String b = memberIdFor("b");
        rejoin(a, "a");
        rejoin(b, "b");
        sync(a, 1, Map.of());
        GroupCoordinator.LeaveGroupResult result = coordinator.handleLeaveGroup(GROUP,
                List.of(new GroupCoordinator.LeavingMember(b, null), new GroupCoordinator.LeavingMember("ghost", null)),
                nowMs);
        assertThat(result.memberErrors()).containsExactly(Errors.NONE, Errors.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.stateOf(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(rejoin(a, "a").last().generationId()).isEqualTo(2);
    }

    @Test
    void initialRebalanceDelayLetsAStartingFleetJoinInOneGeneration() {
        GroupCoordinator delayed = coordinator(sink, configWithInitialDelayMs(3_000));
        Answer<JoinGroupResult> aJoin = new Answer<>();
        Answer<JoinGroupResult> bJoin = new Answer<>();
        delayed.handleJoinGroup(withoutKip394(join("", null, "a", "range")), nowMs, aJoin);
        delayed.tick(nowMs + 2_000);
        delayed.handleJoinGroup(withoutKip394(join("", null, "b", "range")), nowMs + 2_000, bJoin);
        delayed.tick(nowMs + 4_999);
        assertThat(aJoin.answered()).as("the delay restarted when b joined").isFalse();
        delayed.tick(nowMs + 5_000);
        assertThat(aJoin.last().generationId()).isEqualTo(1);
        assertThat(bJoin.last().generationId()).isEqualTo(1);
        assertThat(aJoin.last().members()).hasSize(2);
    }

    @Test
    void groupRefusesAMemberWithNoCommonProtocol() {
        String a = memberIdFor("a");
        rejoin(a, "a");
        Answer<JoinGroupResult> other = new Answer<>();
        coordinator.handleJoinGroup(join("", null, "x", "sticky"), nowMs, other);
        assertThat(other.last().error()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void sessionTimeoutOutsideTheBrokerBoundsIsRefused() {
        JoinGroupRequest base = join("", null, "a", "range");
        JoinGroupRequest tooShort = new JoinGroupRequest(GROUP, "", null, "a", "h", 10, 30_000, "consumer",
                base.protocols(), true);
        Answer<JoinGroupResult> answer = new Answer<>();
        coordinator.handleJoinGroup(tooShort, nowMs, answer);
        assertThat(answer.last().error()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT);
        assertThat(coordinator.listGroups(Set.of())).isEmpty();
    }

    @Test
    void theAssignorMostMembersPreferWins() {
        Answer<JoinGroupResult> aJoin = new Answer<>();
        Answer<JoinGroupResult> bJoin = new Answer<>();
        Answer<JoinGroupResult> cJoin = new Answer<>();
        GroupCoordinator delayed = coordinator(sink, configWithInitialDelayMs(100));
        delayed.handleJoinGroup(withoutKip394(join("", null, "a", "range", "sticky")), nowMs, aJoin);
        delayed.handleJoinGroup(withoutKip394(join("", null, "b", "sticky", "range")), nowMs, bJoin);
        delayed.handleJoinGroup(withoutKip394(join("", null, "c", "sticky", "range")), nowMs, cJoin);
        delayed.tick(nowMs + 100);
        assertThat(aJoin.last().protocolName()).isEqualTo("sticky");
    }

    static JoinGroupRequest withoutKip394(JoinGroupRequest request) {
        return new JoinGroupRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                request.clientId(), request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(),
                request.protocolType(), request.protocols(), false);
    }
}
