package io.rafka.broker.group;

import static io.rafka.common.Checks.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;

/**
 * The membership half of the classic consumer-group protocol (JoinGroup, SyncGroup, Heartbeat,
 * LeaveGroup, session and rebalance timeouts, static membership) for the groups of one
 * {@code __consumer_offsets} partition.
 *
 * <p>A pure core: no threads, sockets or clock. Requests and {@link #tick(long)} come in with the
 * time; answers leave through the callbacks given with each request, possibly later (a JoinGroup
 * waits for the rebalance). State that must survive is written through the {@link GroupRecordSink}
 * before the answer that depends on it is given.
 *
 * <p>Not thread-safe: every call, and every sink callback, must run on the one coordinator thread.
 */
public final class GroupCoordinator {

    private final GroupRecordSink sink;
    private final Map<String, ConsumerGroup> groups = new TreeMap<>();
    private final OffsetManager offsets;
    private final Rebalancer rebalancer;
    private final JoinGroupHandler joins;

    public GroupCoordinator(GroupCoordinatorConfig config, GroupRecordSink sink, Supplier<String> memberIdSuffixes) {
        this.sink = sink;
        this.offsets = new OffsetManager(config, sink, this::groupForOffsets);
        this.rebalancer = new Rebalancer(config, sink);
        this.joins = new JoinGroupHandler(config, sink, memberIdSuffixes, groups, rebalancer);
    }

    /** Offset commits and fetches for the same groups. */
    public OffsetManager offsets() {
        return offsets;
    }

    // ---------------------------------------------------------------- JoinGroup

    /** Answers through {@code respond}, at once or when the rebalance completes. */
    public void handleJoinGroup(JoinGroupRequest request, long nowMs, Consumer<JoinGroupResult> respond) {
        joins.handleJoinGroup(request, nowMs, respond);
    }

    // ---------------------------------------------------------------- SyncGroup

    public void handleSyncGroup(SyncGroupRequest request, long nowMs, Consumer<SyncGroupResult> respond) {
        ConsumerGroup group = groups.get(request.groupId());
        if (group == null) {
            respond.accept(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
            return;
        }
        if (group.is(GroupState.DEAD)) {
            respond.accept(SyncGroupResult.error(Errors.COORDINATOR_NOT_AVAILABLE));
            return;
        }
        Errors invalid = group.validateMember(request.memberId(), request.groupInstanceId());
        if (invalid == Errors.NONE && request.generationId() != group.generationId) {
            invalid = Errors.ILLEGAL_GENERATION;
        }
        if (invalid == Errors.NONE && (mismatch(request.protocolType(), group.protocolType)
                || mismatch(request.protocolName(), group.protocolName))) {
            invalid = Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (invalid != Errors.NONE) {
            respond.accept(SyncGroupResult.error(invalid));
            return;
        }
        GroupMember member = group.members.get(request.memberId());
        member.lastHeartbeatMs = nowMs;
        switch (group.state()) {
            case EMPTY, DEAD -> respond.accept(SyncGroupResult.error(Errors.UNKNOWN_MEMBER_ID));
            case PREPARING_REBALANCE -> respond.accept(SyncGroupResult.error(Errors.REBALANCE_IN_PROGRESS));
            case STABLE -> {
                member.syncPending = false;
                respond.accept(assignmentOf(group, member));
            }
            case COMPLETING_REBALANCE -> {
                member.awaitingSync = respond;
                member.syncPending = false;
                if (member.memberId.equals(group.leaderId)) {
                    persistAssignment(group, request.assignments(), nowMs);
                }
            }
        }
    }

    private void persistAssignment(ConsumerGroup group, Map<String, byte[]> assignments, long nowMs) {
        int generation = group.generationId;
        for (GroupMember member : group.allMembers()) {
            member.assignment = assignments.getOrDefault(member.memberId, new byte[0]);
        }
        sink.append(List.of(Rebalancer.groupMetadataRecord(group, nowMs)), (error, callbackMs) -> {
            // The group may have moved on while the record was being written.
            if (!group.is(GroupState.COMPLETING_REBALANCE) || group.generationId != generation) {
                return;
            }
            if (error != Errors.NONE) {
                Errors clientError = storeErrorFor(error);
                List<Consumer<SyncGroupResult>> waiting = new ArrayList<>();
                for (GroupMember member : group.allMembers()) {
                    member.assignment = new byte[0];
                    if (member.awaitingSync != null) {
                        waiting.add(member.awaitingSync);
                        member.awaitingSync = null;
                    }
                }
                rebalancer.prepareRebalance(group, callbackMs);
                waiting.forEach(w -> w.accept(SyncGroupResult.error(clientError)));
                return;
            }
            group.transitionTo(GroupState.STABLE, callbackMs);
            group.rebalanceDeadlineMs = -1;
            List<Runnable> answers = new ArrayList<>();
            for (GroupMember member : group.allMembers()) {
                member.syncPending = false;
                if (member.awaitingSync != null) {
                    Consumer<SyncGroupResult> waiting = member.awaitingSync;
                    SyncGroupResult result = assignmentOf(group, member);
                    member.awaitingSync = null;
                    member.lastHeartbeatMs = callbackMs;
                    answers.add(() -> waiting.accept(result));
                }
            }
            answers.forEach(Runnable::run);
        });
    }

    private static SyncGroupResult assignmentOf(ConsumerGroup group, GroupMember member) {
        return new SyncGroupResult(Errors.NONE, group.protocolType, group.protocolName, member.assignment);
    }

    private static boolean mismatch(String requested, String actual) {
        return requested != null && !requested.equals(actual);
    }

    // ---------------------------------------------------------------- Heartbeat and LeaveGroup

    public Errors handleHeartbeat(String groupId, String memberId, String groupInstanceId, int generationId, long nowMs) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors invalid = group.validateMember(memberId, groupInstanceId);
        if (invalid != Errors.NONE) {
            return invalid;
        }
        if (group.is(GroupState.EMPTY)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (generationId != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        group.members.get(memberId).lastHeartbeatMs = nowMs;
        // The heartbeat is how a member in a stable group learns it must rejoin.
        return group.is(GroupState.PREPARING_REBALANCE) ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    /** One member named in a LeaveGroup: by member id, by group.instance.id, or both. */
    public record LeavingMember(String memberId, String groupInstanceId) {}

    /** The per-member answers of a LeaveGroup, in request order, and a group-level error. */
    public record LeaveGroupResult(Errors error, List<Errors> memberErrors) {}

    public LeaveGroupResult handleLeaveGroup(String groupId, List<LeavingMember> leaving, long nowMs) {
        ConsumerGroup group = groups.get(groupId);
        List<Errors> memberErrors = new ArrayList<>();
        if (group == null) {
            leaving.forEach(m -> memberErrors.add(Errors.UNKNOWN_MEMBER_ID));
            return new LeaveGroupResult(Errors.NONE, memberErrors);
        }
        if (group.is(GroupState.DEAD)) {
            return new LeaveGroupResult(Errors.COORDINATOR_NOT_AVAILABLE, List.of());
        }
        for (LeavingMember leaver : leaving) {
            memberErrors.add(removeLeavingMember(group, leaver, nowMs));
        }
        return new LeaveGroupResult(Errors.NONE, memberErrors);
    }

    private Errors removeLeavingMember(ConsumerGroup group, LeavingMember leaver, long nowMs) {
        String memberId = leaver.memberId() == null ? "" : leaver.memberId();
        if (memberId.isEmpty() && leaver.groupInstanceId() != null) {
            memberId = group.memberIdOfInstance(leaver.groupInstanceId());
            if (memberId == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
        }
        if (group.pendingMemberDeadlinesMs.remove(memberId) != null) {
            rebalancer.maybeCompleteJoin(group, nowMs);
            return Errors.NONE;
        }
        Errors invalid = group.validateMember(memberId, leaver.groupInstanceId());
        if (invalid != Errors.NONE) {
            return invalid;
        }
        rebalancer.removeMemberAndUpdateGroup(group, group.members.get(memberId), nowMs);
        return Errors.NONE;
    }


    // ---------------------------------------------------------------- time

    /** Expires sessions, pending member ids and rebalance deadlines that have passed at {@code nowMs}. */
    public void tick(long nowMs) {
        for (ConsumerGroup group : List.copyOf(groups.values())) {
            group.pendingMemberDeadlinesMs.values().removeIf(deadlineMs -> deadlineMs <= nowMs);
            for (GroupMember member : List.copyOf(group.allMembers())) {
                if (member.hasExpired(nowMs) && group.members.containsKey(member.memberId)) {
                    rebalancer.removeMemberAndUpdateGroup(group, member, nowMs);
                }
            }
            if (group.rebalanceDeadlineMs >= 0 && group.rebalanceDeadlineMs <= nowMs) {
                rebalancer.onRebalanceDeadline(group, nowMs);
            }
            rebalancer.maybeCompleteJoin(group, nowMs);
        }
    }


    /** The earliest time at which {@link #tick(long)} has something to do; Long.MAX_VALUE if never. */
    public long nextDeadlineMs() {
        long next = Long.MAX_VALUE;
        for (ConsumerGroup group : groups.values()) {
            if (group.rebalanceDeadlineMs >= 0) {
                next = Math.min(next, group.rebalanceDeadlineMs);
            }
            for (long deadlineMs : group.pendingMemberDeadlinesMs.values()) {
                next = Math.min(next, deadlineMs);
            }
            for (GroupMember member : group.allMembers()) {
                if (member.awaitingJoin == null && member.awaitingSync == null) {
                    next = Math.min(next, member.lastHeartbeatMs + member.sessionTimeoutMs);
                }
            }
        }
        return next;
    }

    // ---------------------------------------------------------------- describe, list, delete

    /** A member as DescribeGroups reports it; metadata and assignment only in a stable group. */
    public record MemberDescription(String memberId, String groupInstanceId, String clientId, String clientHost,
                                    byte[] metadata, byte[] assignment) {}

    public record GroupDescription(String groupId, GroupState state, String protocolType, String protocolName,
                                   List<MemberDescription> members) {}

    /** Describes a group; an unknown group is reported as Dead with no members, as Kafka does. */
    public GroupDescription describeGroup(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null) {
            return new GroupDescription(groupId, GroupState.DEAD, "", "", List.of());
        }
        boolean stable = group.is(GroupState.STABLE);
        List<MemberDescription> members = new ArrayList<>();
        for (GroupMember member : group.allMembers()) {
            members.add(new MemberDescription(member.memberId, member.groupInstanceId, member.clientId,
                    member.clientHost, stable ? member.metadataFor(group.protocolName) : new byte[0],
                    stable ? member.assignment : new byte[0]));
        }
        return new GroupDescription(groupId, group.state(), nullToEmpty(group.protocolType),
                stable ? group.protocolName : "", members);
    }

    public record GroupListing(String groupId, String protocolType, GroupState state) {}

    /** Lists groups, optionally only those in {@code states} (empty = all). */
    public List<GroupListing> listGroups(Set<GroupState> states) {
        List<GroupListing> listings = new ArrayList<>();
        for (ConsumerGroup group : groups.values()) {
            if (!group.is(GroupState.DEAD) && (states.isEmpty() || states.contains(group.state()))) {
                listings.add(new GroupListing(group.groupId, nullToEmpty(group.protocolType), group.state()));
            }
        }
        return listings;
    }

    /**
     * Deletes empty groups with their offsets; answers per group once the tombstones are written:
     * GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP or NONE.
     */
    public void handleDeleteGroup(String groupId, long nowMs, Consumer<Errors> respond) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null || group.is(GroupState.DEAD)) {
            respond.accept(Errors.GROUP_ID_NOT_FOUND);
            return;
        }
        if (!group.is(GroupState.EMPTY)) {
            respond.accept(Errors.NON_EMPTY_GROUP);
            return;
        }
        group.transitionTo(GroupState.DEAD, nowMs);
        List<GroupRecord> tombstones = new ArrayList<>(offsets.tombstonesFor(groupId));
        tombstones.add(new GroupRecord.GroupTombstone(groupId));
        sink.append(tombstones, (error, callbackMs) -> {
            if (error != Errors.NONE) {
                // NB: the group stays Dead in memory until the partition is reloaded; a retried
                // delete finds GROUP_ID_NOT_FOUND. Revert instead, so the retry can succeed.
                group.forceState(GroupState.EMPTY, callbackMs);
                respond.accept(storeErrorFor(error));
                return;
            }
            groups.remove(groupId);
            offsets.removeGroup(groupId);
            respond.accept(Errors.NONE);
        });
    }

    // ---------------------------------------------------------------- loading

    /**
     * Applies a record read back from the offsets partition when this coordinator takes it over.
     * Loaded members get a fresh session starting at {@code nowMs}.
     */
    public void replay(GroupRecord record, long nowMs) {
        if (record instanceof GroupRecord.GroupMetadata metadata) {
            replayGroupMetadata(metadata, nowMs);
        } else if (record instanceof GroupRecord.GroupTombstone tombstone) {
            groups.remove(tombstone.groupId());
            offsets.removeGroup(tombstone.groupId());
        } else if (record instanceof GroupRecord.OffsetCommit commit) {
            groups.computeIfAbsent(commit.groupId(), id -> new ConsumerGroup(id, nowMs));
            offsets.replay(commit);
        } else if (record instanceof GroupRecord.OffsetTombstone tombstone) {
            offsets.replay(tombstone);
        }
    }

    private void replayGroupMetadata(GroupRecord.GroupMetadata metadata, long nowMs) {
        ConsumerGroup group = new ConsumerGroup(metadata.groupId(), nowMs);
        group.generationId = metadata.generationId();
        group.protocolType = metadata.protocolType();
        group.protocolName = metadata.protocolName();
        for (GroupRecord.MemberMetadata m : metadata.members()) {
            GroupMember member = new GroupMember(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    m.sessionTimeoutMs(), m.rebalanceTimeoutMs(), metadata.protocolType(),
                    List.of(new JoinGroupRequest.Protocol(metadata.protocolName(), m.subscription())), nowMs);
            member.assignment = m.assignment();
            group.add(member);
        }
        group.leaderId = metadata.leaderId();
        check(group.leaderId == null || group.members.containsKey(group.leaderId),
                "group %s: loaded leader %s is not a member", group.groupId, group.leaderId);
        group.forceState(group.members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE, nowMs);
        groups.put(group.groupId, group);
    }

    // ---------------------------------------------------------------- helpers

    /** The group that offsets are committed for, created (Empty) for a simple consumer if absent. */
    ConsumerGroup groupForOffsets(String groupId, boolean createIfAbsent, long nowMs) {
        ConsumerGroup group = groups.get(groupId);
        if (group == null && createIfAbsent) {
            group = new ConsumerGroup(groupId, nowMs);
            groups.put(groupId, group);
        }
        return group;
    }


    /**
     * Maps a failed append to what a group client understands: the coordinator moved
     * (NOT_COORDINATOR) or is briefly unable to write (COORDINATOR_NOT_AVAILABLE), as Kafka does.
     */
    static Errors storeErrorFor(Errors appendError) {
        return switch (appendError) {
            case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR -> Errors.NOT_COORDINATOR;
            case UNKNOWN_TOPIC_OR_PARTITION, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND,
                 REQUEST_TIMED_OUT -> Errors.COORDINATOR_NOT_AVAILABLE;
            case RECORD_LIST_TOO_LARGE, MESSAGE_TOO_LARGE, INVALID_FETCH_SIZE -> Errors.UNKNOWN_SERVER_ERROR;
            default -> appendError;
        };
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Member ids currently in a group, for tests and DescribeGroups-like views. */
    Set<String> memberIds(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        return group == null ? Set.of() : new HashSet<>(group.members.keySet());
    }

    GroupState stateOf(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        return group == null ? GroupState.DEAD : group.state();
    }

    int generationOf(String groupId) {
        ConsumerGroup group = groups.get(groupId);
        return group == null ? -1 : group.generationId;
    }
}
