package io.rafka.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Leader 1 with followers 2 and 3, lag limit 100 ms, leader epoch 4, partition epoch 10. */
class LeaderPartitionStateTest {

    private static final long LAG_MAX_MS = 100;
    private static final long BROKER_EPOCH = 7;
    private static final PartitionRegistration ALL_IN_SYNC =
            new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2, 3));

    private long nowMs = 1_000;

    private LeaderPartitionState leaderWith(PartitionRegistration registration, long logEndOffset, long highWatermark) {
        return LeaderPartitionState.becomeLeader(1, registration, logEndOffset, highWatermark, nowMs);
    }

    private boolean fetch(LeaderPartitionState leader, int replicaId, long fetchOffset) {
        return leader.onFollowerFetch(replicaId, BROKER_EPOCH, fetchOffset, leader.leaderLogEndOffset(), nowMs);
    }

    @Test
    void highWatermarkIsTheMinimumLogEndOffsetOverTheIsr() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        assertThat(leader.highWatermark()).isZero();
        assertThat(fetch(leader, 3, 6)).isTrue();
        assertThat(leader.highWatermark()).isEqualTo(6);
        fetch(leader, 3, 10);
        assertThat(leader.highWatermark()).isEqualTo(10);
    }

    @Test
    void highWatermarkWaitsUntilEveryIsrMemberFetchedInTheNewEpoch() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 4);
        fetch(leader, 2, 10);
        assertThat(leader.highWatermark()).isEqualTo(4);
    }

    @Test
    void highWatermarkNeverMovesBackwards() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 10);
        // Follower 3 restarted and lost its unflushed tail before being fenced.
        assertThat(fetch(leader, 3, 5)).isFalse();
        assertThat(leader.highWatermark()).isEqualTo(10);
    }

    @Test
    void leaderAloneInTheIsrMovesTheHighWatermarkOnAppend() {
        LeaderPartitionState leader = leaderWith(new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1)), 3, 3);
        assertThat(leader.onLeaderAppend(5)).isTrue();
        assertThat(leader.highWatermark()).isEqualTo(5);
    }

    @Test
    void leaderLogNeverMovesBackWithinItsEpoch() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        assertThatThrownBy(() -> leader.onLeaderAppend(9)).isInstanceOf(Checks.InvariantViolation.class)
                .hasMessageContaining("moved back from 10 to 9");
    }

    @Test
    void isrShrinksAfterReplicaLagTimeMax() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 4);
        leader.onLeaderAppend(12);
        nowMs += LAG_MAX_MS;
        fetch(leader, 2, 12);
        assertThat(leader.maybeShrinkIsr(nowMs, LAG_MAX_MS)).isEmpty();

        nowMs += 1;
        Optional<IsrProposal> proposal = leader.maybeShrinkIsr(nowMs, LAG_MAX_MS);
        assertThat(proposal).isPresent();
        assertThat(proposal.get().proposedIsr()).containsExactly(1, 2);
        assertThat(proposal.get().change()).isEqualTo(IsrProposal.Change.SHRINK);
    }

    @Test
    void followerAtTheLeadersEndIsInSyncHoweverLongAgoItFetched() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 10);
        nowMs += 10 * LAG_MAX_MS;
        assertThat(leader.maybeShrinkIsr(nowMs, LAG_MAX_MS)).isEmpty();
    }

    @Test
    void fetchReachingThePreviousFetchsLeaderEndProvesCatchUpAtThatEarlierTime() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 4); // at 1000 the leader ended at 10
        leader.onLeaderAppend(20);
        nowMs += 50;
        fetch(leader, 2, 10); // reaches 10: caught up as of 1000, not 1050
        assertThat(leader.followerProgress(2).orElseThrow().lastCaughtUpTimeMs()).isEqualTo(1_000);
        nowMs += 60; // 110 ms after 1000
        fetch(leader, 3, 20);
        assertThat(leader.maybeShrinkIsr(nowMs, LAG_MAX_MS).orElseThrow().proposedIsr()).containsExactly(1, 3);
    }

    @Test
    void isrExpandsOnceFollowerReachesHighWatermarkAndEpochStart() {
        PartitionRegistration twoInSync = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(twoInSync, 10, 0);
        fetch(leader, 2, 10);
        assertThat(leader.highWatermark()).isEqualTo(10);
        fetch(leader, 3, 9);
        assertThat(leader.maybeExpandIsr(3)).isEmpty();
        fetch(leader, 3, 10);
        IsrProposal proposal = leader.maybeExpandIsr(3).orElseThrow();
        assertThat(proposal.proposedIsr()).containsExactly(1, 2, 3);
        assertThat(proposal.change()).isEqualTo(IsrProposal.Change.EXPAND);
    }

    @Test
    void isrDoesNotExpandWithAFollowerBelowTheStartOfTheLeadersEpoch() {
        // A fresh leader whose high watermark (3) lags its log (10): the tail 3..9 may have been
        // acknowledged by the previous leader, so a follower must hold it before it can be elected.
        PartitionRegistration alone = new PartitionRegistration(1, 4, 10, List.of(1, 2), Set.of(1));
        LeaderPartitionState leader = LeaderPartitionState.becomeLeader(1, alone, 10, 3, nowMs);
        assertThat(leader.highWatermark()).isEqualTo(10); // alone in the ISR: its whole log is committed
        LeaderPartitionState withLaggingHighWatermark = LeaderPartitionState.becomeLeader(1,
                new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 3)), 10, 3, nowMs);
        fetch(withLaggingHighWatermark, 2, 5);
        assertThat(withLaggingHighWatermark.maybeExpandIsr(2)).isEmpty();
        fetch(withLaggingHighWatermark, 2, 10);
        assertThat(withLaggingHighWatermark.maybeExpandIsr(2)).isPresent();
    }

    @Test
    void onlyOneIsrChangeIsInFlight() {
        PartitionRegistration oneFollowerOut = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(oneFollowerOut, 10, 0);
        fetch(leader, 3, 10);
        assertThat(leader.maybeExpandIsr(3)).isPresent();
        nowMs += 10 * LAG_MAX_MS;
        assertThat(leader.maybeShrinkIsr(nowMs, LAG_MAX_MS)).isEmpty();
        assertThat(leader.isrState()).isInstanceOf(IsrState.PendingExpand.class);
    }

    @Test
    void pendingExpansionCountsTheNewcomerForTheHighWatermark() {
        PartitionRegistration twoInSync = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(twoInSync, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 10);
        leader.maybeExpandIsr(3).orElseThrow();
        leader.onLeaderAppend(15);
        fetch(leader, 2, 15);
        // Replica 3 may already be in the ISR at the controller, hence electable: wait for it.
        assertThat(leader.highWatermark()).isEqualTo(10);
        assertThat(leader.isr()).containsExactly(1, 2);
        assertThat(leader.maximalIsr()).containsExactly(1, 2, 3);
    }

    @Test
    void pendingShrinkKeepsWaitingForTheLeavingReplicaUntilCommitted() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 10);
        leader.onLeaderAppend(20);
        nowMs += LAG_MAX_MS + 1;
        fetch(leader, 2, 20);
        IsrProposal shrink = leader.maybeShrinkIsr(nowMs, LAG_MAX_MS).orElseThrow();
        assertThat(leader.highWatermark()).isEqualTo(10);
        assertThat(leader.canAppend(3)).isEqualTo(ReplicationError.NONE); // committed ISR still has 3 members

        boolean advanced = leader.applyRegistration(new PartitionRegistration(1, 4, shrink.partitionEpoch() + 1,
                List.of(1, 2, 3), shrink.proposedIsr()), nowMs);
        assertThat(advanced).isTrue();
        assertThat(leader.highWatermark()).isEqualTo(20);
        assertThat(leader.isrState()).isInstanceOf(IsrState.Committed.class);
    }

    @Test
    void rejectedProposalFallsBackToTheCommittedIsr() {
        PartitionRegistration twoInSync = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(twoInSync, 10, 0);
        fetch(leader, 3, 10);
        IsrProposal expand = leader.maybeExpandIsr(3).orElseThrow();
        leader.onLeaderAppend(12);
        fetch(leader, 2, 12);
        assertThat(leader.highWatermark()).isEqualTo(10);

        assertThat(leader.onIsrProposalRejected(expand)).isTrue();
        assertThat(leader.highWatermark()).isEqualTo(12);
        assertThat(leader.isrState()).isEqualTo(new IsrState.Committed(Set.of(1, 2)));
        assertThat(leader.onIsrProposalRejected(expand)).isFalse(); // answered twice: nothing pending any more
    }

    @Test
    void proposalsCarryThePartitionEpochAndTheBrokerEpochsTheyWereBuiltOn() {
        PartitionRegistration twoInSync = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(twoInSync, 10, 0);
        leader.onFollowerFetch(3, 42, 10, 10, nowMs);
        IsrProposal proposal = leader.maybeExpandIsr(3).orElseThrow();
        assertThat(proposal.leaderEpoch()).isEqualTo(4);
        assertThat(proposal.partitionEpoch()).isEqualTo(10);
        assertThat(proposal.brokerEpochs()).isEqualTo(Map.of(2, FollowerProgress.UNKNOWN_BROKER_EPOCH, 3, 42L));
    }

    @Test
    void staleOrForeignRegistrationsAreNotAdopted() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        assertThat(leader.applyRegistration(new PartitionRegistration(1, 4, 9, List.of(1, 2, 3), Set.of(1)), nowMs)).isFalse();
        assertThat(leader.isr()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> leader.applyRegistration(new PartitionRegistration(2, 5, 11, List.of(1, 2, 3), Set.of(2)), nowMs))
                .isInstanceOf(Checks.InvariantViolation.class);
    }

    @Test
    void notEnoughReplicasIsDecidedBeforeAppendOnTheCommittedIsr() {
        PartitionRegistration twoInSync = new PartitionRegistration(1, 4, 10, List.of(1, 2, 3), Set.of(1, 2));
        LeaderPartitionState leader = leaderWith(twoInSync, 10, 0);
        fetch(leader, 3, 10);
        leader.maybeExpandIsr(3).orElseThrow(); // pending: not electable yet
        assertThat(leader.canAppend(2)).isEqualTo(ReplicationError.NONE);
        assertThat(leader.canAppend(3)).isEqualTo(ReplicationError.NOT_ENOUGH_REPLICAS);
    }

    @Test
    void acksAllCompletesOnlyWhenTheHighWatermarkPassesTheBatch() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 9);
        assertThat(leader.acksAllOutcome(9, 2)).isEmpty(); // high watermark 9 has not passed offset 9
        fetch(leader, 3, 10);
        assertThat(leader.acksAllOutcome(9, 2)).contains(ReplicationError.NONE);
    }

    @Test
    void acksAllFailsAfterAppendWhenTheIsrShrankBelowMinimumWhileWaiting() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        fetch(leader, 2, 10);
        fetch(leader, 3, 10);
        leader.onLeaderAppend(11);
        nowMs += LAG_MAX_MS + 1;
        IsrProposal shrink = leader.maybeShrinkIsr(nowMs, LAG_MAX_MS).orElseThrow();
        leader.applyRegistration(new PartitionRegistration(1, 4, 11, List.of(1, 2, 3), shrink.proposedIsr()), nowMs);
        assertThat(leader.acksAllOutcome(10, 2)).contains(ReplicationError.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
    }

    @Test
    void fetchWithAnOlderLeaderEpochIsFencedAndANewerOneIsUnknown() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        EpochLog log = EpochLog.of(0, 6, 4, 4);
        assertThat(leader.validateFollowerFetch(2, BROKER_EPOCH, 3, 10, 4, log).error()).isEqualTo(ReplicationError.FENCED_LEADER_EPOCH);
        assertThat(leader.validateFollowerFetch(2, BROKER_EPOCH, 5, 10, 4, log).error()).isEqualTo(ReplicationError.UNKNOWN_LEADER_EPOCH);
        assertThat(leader.validateFollowerFetch(2, BROKER_EPOCH, 4, 10, 4, log)).isEqualTo(FetchValidation.SERVE);
    }

    @Test
    void fetchFromAPreviousLifeOfTheBrokerIsRefused() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        EpochLog log = EpochLog.of(0, 6, 4, 4);
        leader.onFollowerFetch(2, 8, 10, 10, nowMs);
        assertThat(leader.validateFollowerFetch(2, 7, 4, 10, 4, log).error()).isEqualTo(ReplicationError.NOT_LEADER_OR_FOLLOWER);
        assertThat(leader.validateFollowerFetch(9, 7, 4, 10, 4, log).error()).isEqualTo(ReplicationError.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void followerAheadOfTheLeaderLearnsItsDivergingEpochRatherThanOffsetOutOfRange() {
        LeaderPartitionState leader = leaderWith(ALL_IN_SYNC, 10, 0);
        EpochLog log = EpochLog.of(0, 6, 4, 4); // epoch 0 ended at 6 here
        FetchValidation validation = leader.validateFollowerFetch(2, BROKER_EPOCH, 4, 14, 0, log);
        assertThat(validation.divergingEpoch()).contains(new EpochEndOffset(0, 6));
        assertThat(validation.serveRecords()).isFalse();
        // Even in the leader's own epoch: the epoch ended (so far) at 10, before the fetch offset.
        assertThat(leader.validateFollowerFetch(2, BROKER_EPOCH, 4, 14, 4, log).divergingEpoch())
                .contains(new EpochEndOffset(4, 10));
        // Only a follower with no lineage to compare can be simply out of range.
        assertThat(leader.validateFollowerFetch(2, BROKER_EPOCH, 4, 14, EpochEndOffset.UNDEFINED_EPOCH, log).error())
                .isEqualTo(ReplicationError.OFFSET_OUT_OF_RANGE);
    }
}
