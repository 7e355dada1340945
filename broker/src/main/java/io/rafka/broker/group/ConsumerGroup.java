package io.rafka.broker.group;

import static io.rafka.common.Checks.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * One classic-protocol group: its state, generation and members.
 *
 * <p>Not thread-safe: owned by the {@link GroupCoordinator}'s thread.
 *
 * <p>Invariants: every static member's instance id maps to its member id in {@code staticMembers};
 * {@code leaderId} is null or a current member; {@code generationId} only grows; the state moves
 * only along {@link GroupState}'s transitions.
 */
final class ConsumerGroup {

    final String groupId;
    private GroupState state = GroupState.EMPTY;
    int generationId;
    String protocolType;
    String protocolName;
    String leaderId;
    long stateTimestampMs;

    /** Members in join order: the first one becomes leader when the old leader is gone. */
    final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** Static members: group.instance.id -> current member id. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Members that got MEMBER_ID_REQUIRED and have not joined yet: member id -> deadline. */
    final Map<String, Long> pendingMemberDeadlinesMs = new HashMap<>();

    /** When the current rebalance completes even if not every member has rejoined; -1 if none. */
    long rebalanceDeadlineMs = -1;
    /** For a rebalance from Empty: the latest time the initial delay may be extended to. */
    long initialDelayLimitMs = -1;

    ConsumerGroup(String groupId, long nowMs) {
        this.groupId = groupId;
        this.stateTimestampMs = nowMs;
    }

    GroupState state() {
        return state;
    }

    boolean is(GroupState expected) {
        return state == expected;
    }

    void transitionTo(GroupState next, long nowMs) {
        check(next.legalPreviousStates().contains(state),
                "group %s: illegal transition %s -> %s", groupId, state, next);
        state = next;
        stateTimestampMs = nowMs;
    }

    void add(GroupMember member) {
        check(!members.containsKey(member.memberId), "group %s: member %s added twice", groupId, member.memberId);
        if (members.isEmpty()) {
            protocolType = member.protocolType;
        }
        members.put(member.memberId, member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
        pendingMemberDeadlinesMs.remove(member.memberId);
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    GroupMember remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        if (removed == null) {
            return null;
        }
        if (removed.isStatic() && memberId.equals(staticMembers.get(removed.groupInstanceId))) {
            staticMembers.remove(removed.groupInstanceId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        return removed;
    }

    /** Replaces a static member's id (a restarted instance rejoining); the old id is fenced. */
    GroupMember replaceStaticMember(String groupInstanceId, String newMemberId) {
        String oldMemberId = staticMembers.get(groupInstanceId);
        GroupMember old = members.remove(oldMemberId);
        check(old != null, "group %s: static member %s has no member %s", groupId, groupInstanceId, oldMemberId);
        GroupMember replacement = new GroupMember(newMemberId, groupInstanceId, old.clientId, old.clientHost,
                old.sessionTimeoutMs, old.rebalanceTimeoutMs, old.protocolType, old.protocols, old.lastHeartbeatMs);
        replacement.assignment = old.assignment;
        replacement.awaitingJoin = old.awaitingJoin;
        replacement.awaitingSync = old.awaitingSync;
        members.put(newMemberId, replacement);
        staticMembers.put(groupInstanceId, newMemberId);
        if (oldMemberId.equals(leaderId)) {
            leaderId = newMemberId;
        }
        return replacement;
    }

    /**
     * Checks that {@code memberId} is a member and, for static members, that it is the current
     * holder of its instance id (a stale holder is fenced, not merely unknown).
     */
    Errors validateMember(String memberId, String groupInstanceId) {
        if (groupInstanceId != null) {
            String current = staticMembers.get(groupInstanceId);
            if (current != null && !current.equals(memberId)) {
                return Errors.FENCED_INSTANCE_ID;
            }
        }
        GroupMember member = members.get(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (member.isStatic() && !member.groupInstanceId.equals(groupInstanceId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        return Errors.NONE;
    }

    /**
     * Sets the state without the transition check: only for a group rebuilt from its records
     * (which starts Stable or Empty) and for undoing a deletion whose tombstone failed to write.
     */
    void forceState(GroupState next, long nowMs) {
        state = next;
        stateTimestampMs = nowMs;
    }

    Optional<GroupMember> member(String memberId) {
        return Optional.ofNullable(members.get(memberId));
    }

    String memberIdOfInstance(String groupInstanceId) {
        return staticMembers.get(groupInstanceId);
    }

    boolean isPending(String memberId) {
        return pendingMemberDeadlinesMs.containsKey(memberId);
    }

    Collection<GroupMember> allMembers() {
        return members.values();
    }

    boolean allMembersRejoined() {
        return pendingMemberDeadlinesMs.isEmpty() && members.values().stream().allMatch(m -> m.awaitingJoin != null);
    }

    int maxRebalanceTimeoutMs() {
        return members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
    }

    /** Whether a joining member's protocols fit the group: same type and at least one common assignor. */
    boolean supportsProtocols(String memberProtocolType, List<JoinGroupRequest.Protocol> memberProtocols) {
        if (members.isEmpty()) {
            return memberProtocolType != null && !memberProtocolType.isEmpty() && !memberProtocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        return memberProtocols.stream().anyMatch(p -> members.values().stream().allMatch(m -> m.supports(p.name())));
    }

    /**
     * Chooses the assignor every member supports that the most members rank first (ties go to the
     * one earliest in the leader's list), as Kafka's vote does.
     */
    String selectProtocol() {
        check(!members.isEmpty(), "group %s: cannot select a protocol without members", groupId);
        List<String> candidates = new ArrayList<>();
        GroupMember first = members.get(leaderId != null ? leaderId : members.keySet().iterator().next());
        for (JoinGroupRequest.Protocol protocol : first.protocols) {
            if (members.values().stream().allMatch(m -> m.supports(protocol.name()))) {
                candidates.add(protocol.name());
            }
        }
        check(!candidates.isEmpty(), "group %s: no protocol common to all members", groupId);
        Map<String, Integer> votes = new HashMap<>();
        for (GroupMember member : members.values()) {
            String preferred = member.protocols.stream().map(JoinGroupRequest.Protocol::name)
                    .filter(candidates::contains).findFirst().orElseThrow();
            votes.merge(preferred, 1, Integer::sum);
        }
        String best = candidates.get(0);
        for (String candidate : candidates) {
            if (votes.getOrDefault(candidate, 0) > votes.getOrDefault(best, 0)) {
                best = candidate;
            }
        }
        return best;
    }
}
