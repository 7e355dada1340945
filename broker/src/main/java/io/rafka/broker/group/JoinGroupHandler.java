package io.rafka.broker.group;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;

/**
 * JoinGroup: new members (with KIP-394's two-step join), known members rejoining, and restarted
 * static members taking over their identity (KIP-345).
 *
 * <p>Not thread-safe: runs on the coordinator thread, like {@link GroupCoordinator}, and shares its
 * map of groups.
 */
final class JoinGroupHandler {

    private final GroupCoordinatorConfig config;
    private final GroupRecordSink sink;
    private final Supplier<String> memberIdSuffixes;
    private final Map<String, ConsumerGroup> groups;
    private final Rebalancer rebalancer;

    JoinGroupHandler(GroupCoordinatorConfig config, GroupRecordSink sink, Supplier<String> memberIdSuffixes,
                     Map<String, ConsumerGroup> groups, Rebalancer rebalancer) {
        this.config = config;
        this.sink = sink;
        this.memberIdSuffixes = memberIdSuffixes;
        this.groups = groups;
        this.rebalancer = rebalancer;
    }

    void handleJoinGroup(JoinGroupRequest request, long nowMs, Consumer<JoinGroupResult> respond) {
        String memberId = request.memberId() == null ? "" : request.memberId();
        if (request.groupId() == null || request.groupId().isEmpty()) {
            respond.accept(JoinGroupResult.error(Errors.INVALID_GROUP_ID, memberId));
            return;
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            respond.accept(JoinGroupResult.error(Errors.INVALID_SESSION_TIMEOUT, memberId));
            return;
        }
        ConsumerGroup group = groups.get(request.groupId());
        boolean unknownMember = memberId.isEmpty();
        if (group == null && !unknownMember) {
            respond.accept(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
            return;
        }
        if (group != null && group.is(GroupState.DEAD)) {
            respond.accept(JoinGroupResult.error(Errors.COORDINATOR_NOT_AVAILABLE, memberId));
            return;
        }
        boolean fits = group == null
                ? request.protocolType() != null && !request.protocolType().isEmpty() && !request.protocols().isEmpty()
                : group.supportsProtocols(request.protocolType(), request.protocols());
        if (!fits) {
            respond.accept(JoinGroupResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, memberId));
            return;
        }
        if (group == null) {
            group = new ConsumerGroup(request.groupId(), nowMs);
            groups.put(group.groupId, group);
        }
        if (unknownMember) {
            joinUnknownMember(group, request, nowMs, respond);
        } else {
            joinKnownMember(group, request, memberId, nowMs, respond);
        }
    }

    private void joinUnknownMember(ConsumerGroup group, JoinGroupRequest request, long nowMs,
                                   Consumer<JoinGroupResult> respond) {
        String instanceId = request.groupInstanceId();
        if (instanceId != null && group.memberIdOfInstance(instanceId) != null) {
            rejoinStaticMember(group, request, nowMs, respond);
            return;
        }
        if (group.members.size() + group.pendingMemberDeadlinesMs.size() >= config.maxGroupSize()) {
            respond.accept(JoinGroupResult.error(Errors.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        String newMemberId = request.clientId() + "-" + memberIdSuffixes.get();
        if (instanceId == null && request.requireKnownMemberId()) {
            // KIP-394: the member must come back with this id, so a client that dies between the
            // two joins leaves no ghost member to wait for, only a pending id that expires.
            group.pendingMemberDeadlinesMs.put(newMemberId, nowMs + request.sessionTimeoutMs());
            respond.accept(JoinGroupResult.error(Errors.MEMBER_ID_REQUIRED, newMemberId));
            return;
        }
        addMemberAndRebalance(group, request, newMemberId, nowMs, respond);
    }

    private void joinKnownMember(ConsumerGroup group, JoinGroupRequest request, String memberId, long nowMs,
                                 Consumer<JoinGroupResult> respond) {
        if (group.isPending(memberId)) {
            addMemberAndRebalance(group, request, memberId, nowMs, respond);
            return;
        }
        Errors fenced = group.validateMember(memberId, request.groupInstanceId());
        if (fenced != Errors.NONE) {
            respond.accept(JoinGroupResult.error(fenced, memberId));
            return;
        }
        GroupMember member = group.members.get(memberId);
        switch (group.state()) {
            case PREPARING_REBALANCE -> {
                updateMember(member, request, respond);
                rebalancer.maybeCompleteJoin(group, nowMs);
            }
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(request.protocols())) {
                    // The member missed its JoinGroup answer: repeat it.
                    member.lastHeartbeatMs = nowMs;
                    respond.accept(rebalancer.joinResultFor(group, member, false));
                } else {
                    updateMember(member, request, respond);
                    rebalancer.prepareRebalance(group, nowMs);
                }
            }
            case STABLE -> {
                // A leader rejoining forces a rebalance: it is how a leader reacts to topic
                // changes that leave every member's subscription bytes unchanged.
                if (memberId.equals(group.leaderId) || !member.sameProtocols(request.protocols())) {
                    updateMember(member, request, respond);
                    rebalancer.prepareRebalance(group, nowMs);
                } else {
                    member.lastHeartbeatMs = nowMs;
                    respond.accept(rebalancer.joinResultFor(group, member, false));
                }
            }
            case EMPTY, DEAD -> respond.accept(JoinGroupResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    /**
     * A restarted static member (same group.instance.id, no member id) takes over its old
     * identity under a new member id; the old id is fenced. In a stable group with unchanged
     * subscriptions it gets its old assignment back without a rebalance (the point of KIP-345).
     */
    private void rejoinStaticMember(ConsumerGroup group, JoinGroupRequest request, long nowMs,
                                    Consumer<JoinGroupResult> respond) {
        String oldMemberId = group.memberIdOfInstance(request.groupInstanceId());
        GroupMember old = group.members.get(oldMemberId);
        if (old.awaitingJoin != null) {
            old.awaitingJoin.accept(JoinGroupResult.error(Errors.FENCED_INSTANCE_ID, oldMemberId));
        }
        if (old.awaitingSync != null) {
            old.awaitingSync.accept(SyncGroupResult.error(Errors.FENCED_INSTANCE_ID));
        }
        String newMemberId = request.clientId() + "-" + memberIdSuffixes.get();
        boolean protocolsChanged = !old.sameProtocols(request.protocols());
        GroupMember member = group.replaceStaticMember(request.groupInstanceId(), newMemberId);
        member.awaitingJoin = null;
        member.awaitingSync = null;
        member.lastHeartbeatMs = nowMs;
        if (group.is(GroupState.STABLE) && !protocolsChanged) {
            // Persist the new member id first: after a coordinator move the old id would fence
            // the live consumer.
            sink.append(List.of(Rebalancer.groupMetadataRecord(group, nowMs)), (error, callbackMs) -> {
                if (error != Errors.NONE) {
                    respond.accept(JoinGroupResult.error(GroupCoordinator.storeErrorFor(error), newMemberId));
                    return;
                }
                boolean isLeader = newMemberId.equals(group.leaderId);
                respond.accept(new JoinGroupResult(Errors.NONE, group.generationId, group.protocolType,
                        group.protocolName, group.leaderId, newMemberId, isLeader ? Rebalancer.membersForLeader(group) : List.of(),
                        isLeader));
            });
            return;
        }
        updateMember(member, request, respond);
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            rebalancer.maybeCompleteJoin(group, nowMs);
        } else {
            rebalancer.prepareRebalance(group, nowMs);
        }
    }

    private void addMemberAndRebalance(ConsumerGroup group, JoinGroupRequest request, String memberId, long nowMs,
                                       Consumer<JoinGroupResult> respond) {
        GroupMember member = new GroupMember(memberId, request.groupInstanceId(), request.clientId(),
                request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(),
                request.protocolType(), request.protocols(), nowMs);
        member.isNew = true;
        member.awaitingJoin = respond;
        group.add(member);
        if (group.is(GroupState.PREPARING_REBALANCE)) {
            if (group.initialDelayLimitMs >= 0) {
                // Each newcomer during the initial delay buys another delay, up to the limit.
                group.rebalanceDeadlineMs = Math.min(nowMs + config.initialRebalanceDelayMs(), group.initialDelayLimitMs);
            }
            rebalancer.maybeCompleteJoin(group, nowMs);
        } else {
            rebalancer.prepareRebalance(group, nowMs);
        }
    }

    private static void updateMember(GroupMember member, JoinGroupRequest request, Consumer<JoinGroupResult> respond) {
        if (member.awaitingJoin != null && member.awaitingJoin != respond) {
            // A client has one JoinGroup in flight; an older one is superseded, not left hanging.
            member.awaitingJoin.accept(JoinGroupResult.error(Errors.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.protocols = request.protocols();
        member.sessionTimeoutMs = request.sessionTimeoutMs();
        member.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        member.awaitingJoin = respond;
    }
}
