package io.rafka.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;

/**
 * The rebalance cycle shared by every request that changes membership: start a rebalance, end the
 * join phase when every member has rejoined (or the deadline passed), remove members, and answer
 * the members that wait.
 *
 * <p>Not thread-safe: runs on the coordinator thread, like {@link GroupCoordinator}.
 */
final class Rebalancer {

    private final GroupCoordinatorConfig config;
    private final GroupRecordSink sink;

    Rebalancer(GroupCoordinatorConfig config, GroupRecordSink sink) {
        this.config = config;
        this.sink = sink;
    }

    void prepareRebalance(ConsumerGroup group, long nowMs) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // Assignments of the abandoned generation must not be handed out.
            for (GroupMember member : group.allMembers()) {
                member.assignment = new byte[0];
                member.syncPending = false;
                if (member.awaitingSync != null) {
                    Consumer<SyncGroupResult> waiting = member.awaitingSync;
                    member.awaitingSync = null;
                    waiting.accept(SyncGroupResult.error(Errors.REBALANCE_IN_PROGRESS));
                }
            }
        }
        boolean fromEmpty = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, nowMs);
        if (fromEmpty && config.initialRebalanceDelayMs() > 0) {
            group.initialDelayLimitMs = nowMs + group.maxRebalanceTimeoutMs();
            group.rebalanceDeadlineMs = Math.min(nowMs + config.initialRebalanceDelayMs(), group.initialDelayLimitMs);
        } else {
            group.initialDelayLimitMs = -1;
            group.rebalanceDeadlineMs = nowMs + group.maxRebalanceTimeoutMs();
            maybeCompleteJoin(group, nowMs);
        }
    }

    void maybeCompleteJoin(ConsumerGroup group, long nowMs) {
        if (group.is(GroupState.PREPARING_REBALANCE) && group.initialDelayLimitMs < 0 && group.allMembersRejoined()) {
            completeJoin(group, nowMs);
        }
    }

    /** Ends the join phase: drops members that did not rejoin and starts the next generation. */
    void completeJoin(ConsumerGroup group, long nowMs) {
        for (GroupMember member : List.copyOf(group.allMembers())) {
            if (member.awaitingJoin == null) {
                group.remove(member.memberId);
            }
        }
        group.initialDelayLimitMs = -1;
        group.generationId++;
        if (group.members.isEmpty()) {
            group.protocolName = null;
            group.rebalanceDeadlineMs = -1;
            group.transitionTo(GroupState.EMPTY, nowMs);
            // The generation is persisted so that a new coordinator never reuses it.
            sink.append(List.of(groupMetadataRecord(group, nowMs)), (error, callbackMs) -> { });
            return;
        }
        group.protocolName = group.selectProtocol();
        group.transitionTo(GroupState.COMPLETING_REBALANCE, nowMs);
        // Members now have one rebalance timeout to send SyncGroup.
        group.rebalanceDeadlineMs = nowMs + group.maxRebalanceTimeoutMs();
        // State first, answers after: an answer may re-enter the coordinator.
        List<Runnable> answers = new ArrayList<>();
        for (GroupMember member : group.allMembers()) {
            Consumer<JoinGroupResult> waiting = member.awaitingJoin;
            JoinGroupResult result = joinResultFor(group, member, false);
            member.awaitingJoin = null;
            member.isNew = false;
            member.lastHeartbeatMs = nowMs;
            member.syncPending = true;
            answers.add(() -> waiting.accept(result));
        }
        answers.forEach(Runnable::run);
    }

    JoinGroupResult joinResultFor(ConsumerGroup group, GroupMember member, boolean skipAssignment) {
        boolean isLeader = member.memberId.equals(group.leaderId);
        return new JoinGroupResult(Errors.NONE, group.generationId, group.protocolType, group.protocolName,
                group.leaderId, member.memberId, isLeader ? membersForLeader(group) : List.of(), skipAssignment);
    }

    static List<JoinGroupResult.Member> membersForLeader(ConsumerGroup group) {
        List<JoinGroupResult.Member> members = new ArrayList<>();
        for (GroupMember member : group.allMembers()) {
            members.add(new JoinGroupResult.Member(member.memberId, member.groupInstanceId,
                    member.metadataFor(group.protocolName)));
        }
        return members;
    }

    void removeMemberAndUpdateGroup(ConsumerGroup group, GroupMember member, long nowMs) {
        if (member.awaitingJoin != null) {
            member.awaitingJoin.accept(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, member.memberId));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.accept(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
            member.awaitingSync = null;
        }
        group.remove(member.memberId);
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, nowMs);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group, nowMs);
            case EMPTY, DEAD -> { }
        }
    }

    void onRebalanceDeadline(ConsumerGroup group, long nowMs) {
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            completeJoin(group, nowMs);
        } else if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // Members that never sent SyncGroup within the rebalance timeout are gone.
            List<GroupMember> silent = group.allMembers().stream().filter(m -> m.syncPending).toList();
            group.rebalanceDeadlineMs = -1;
            for (GroupMember member : silent) {
                removeMemberAndUpdateGroup(group, member, nowMs);
            }
        } else {
            group.rebalanceDeadlineMs = -1;
        }
    }

    static GroupRecord.GroupMetadata groupMetadataRecord(ConsumerGroup group, long nowMs) {
        List<GroupRecord.MemberMetadata> members = new ArrayList<>();
        for (GroupMember member : group.allMembers()) {
            members.add(new GroupRecord.MemberMetadata(member.memberId, member.groupInstanceId, member.clientId,
                    member.clientHost, member.rebalanceTimeoutMs, member.sessionTimeoutMs,
                    group.protocolName == null ? new byte[0] : member.metadataFor(group.protocolName),
                    member.assignment));
        }
        return new GroupRecord.GroupMetadata(group.groupId, group.protocolType, group.generationId,
                group.protocolName, group.leaderId, nowMs, members);
    }
}
