package io.rafka.broker.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * Committed offsets of the groups of one {@code __consumer_offsets} partition: OffsetCommit
 * (validated against group membership), OffsetFetch, OffsetDelete, and replay on load.
 *
 * <p>An offset is visible to OffsetFetch only after its record is durable, so a fetch never
 * returns an offset that a coordinator failover could take back.
 *
 * <p>Not thread-safe: runs on the coordinator thread, like {@link GroupCoordinator}.
 */
public final class OffsetManager {

    /** Finds a group; may create an Empty one for a simple consumer that only stores offsets. */
    @FunctionalInterface
    interface GroupLookup {
        ConsumerGroup groupFor(String groupId, boolean createIfAbsent, long nowMs);
    }

    public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {}

    public record PartitionOffset(TopicPartition partition, long offset, int leaderEpoch, String metadata) {}

    private final GroupCoordinatorConfig config;
    private final GroupRecordSink sink;
    private final GroupLookup groups;
    private final Map<String, Map<TopicPartition, CommittedOffset>> offsetsByGroup = new HashMap<>();

    OffsetManager(GroupCoordinatorConfig config, GroupRecordSink sink, GroupLookup groups) {
        this.config = config;
        this.sink = sink;
        this.groups = groups;
    }

    /**
     * Commits offsets for a group member ({@code generationId >= 0}) or for a simple consumer or
     * admin tool ({@code generationId < 0}, member id empty, group Empty). Answers per partition.
     */
    public void handleOffsetCommit(String groupId, String memberId, String groupInstanceId, int generationId,
                                   List<PartitionOffset> commits, long nowMs,
                                   Consumer<Map<TopicPartition, Errors>> respond) {
        Errors groupError = validateCommit(groupId, memberId, groupInstanceId, generationId, nowMs);
        Map<TopicPartition, Errors> results = new LinkedHashMap<>();
        List<GroupRecord> records = new ArrayList<>();
        for (PartitionOffset commit : commits) {
            if (groupError != Errors.NONE) {
                results.put(commit.partition(), groupError);
            } else if (commit.metadata() != null && commit.metadata().length() > config.maxOffsetMetadataBytes()) {
                results.put(commit.partition(), Errors.OFFSET_METADATA_TOO_LARGE);
            } else {
                results.put(commit.partition(), Errors.NONE);
                records.add(new GroupRecord.OffsetCommit(groupId, commit.partition().topic(),
                        commit.partition().partition(), commit.offset(), commit.leaderEpoch(),
                        commit.metadata() == null ? "" : commit.metadata(), nowMs));
            }
        }
        if (records.isEmpty()) {
            respond.accept(results);
            return;
        }
        sink.append(records, (error, callbackMs) -> {
            for (GroupRecord record : records) {
                GroupRecord.OffsetCommit commit = (GroupRecord.OffsetCommit) record;
                TopicPartition partition = new TopicPartition(commit.topic(), commit.partition());
                if (error == Errors.NONE) {
                    replay(commit);
                } else {
                    results.put(partition, GroupCoordinator.storeErrorFor(error));
                }
            }
            respond.accept(results);
        });
    }

    private Errors validateCommit(String groupId, String memberId, String groupInstanceId, int generationId,
                                  long nowMs) {
        if (groupId == null || groupId.isEmpty()) {
            return Errors.INVALID_GROUP_ID;
        }
        boolean simpleCommit = generationId < 0 && (memberId == null || memberId.isEmpty());
        ConsumerGroup group = groups.groupFor(groupId, simpleCommit, nowMs);
        if (group == null) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (simpleCommit) {
            // Tools may only write offsets of a group nobody is consuming with.
            return group.is(GroupState.EMPTY) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
        }
        Errors invalid = group.validateMember(memberId, groupInstanceId);
        if (invalid != Errors.NONE) {
            return invalid;
        }
        if (generationId != group.generationId) {
            return Errors.ILLEGAL_GENERATION;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            // The member's partitions may be about to move: it must finish the rebalance first.
            return Errors.REBALANCE_IN_PROGRESS;
        }
        group.members.get(memberId).lastHeartbeatMs = nowMs;
        return Errors.NONE;
    }

    /**
     * The committed offsets of {@code partitions} (all of the group's when null); a partition with
     * no committed offset maps to null.
     */
    public Map<TopicPartition, CommittedOffset> fetchOffsets(String groupId, List<TopicPartition> partitions) {
        Map<TopicPartition, CommittedOffset> committed = offsetsByGroup.getOrDefault(groupId, Map.of());
        Map<TopicPartition, CommittedOffset> result = new LinkedHashMap<>();
        if (partitions == null) {
            Map<TopicPartition, CommittedOffset> sorted = new TreeMap<>(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            sorted.putAll(committed);
            result.putAll(sorted);
            return result;
        }
        for (TopicPartition partition : partitions) {
            result.put(partition, committed.get(partition));
        }
        return result;
    }

    /**
     * Deletes committed offsets of partitions the group does not consume (OffsetDelete).
     *
     * @param subscribedTopics decodes a member's subscription bytes into topic names; for a group
     *     of another protocol type than "consumer" offsets can be deleted only when it is Empty
     */
    public void handleOffsetDelete(String groupId, List<TopicPartition> partitions,
                                   Function<byte[], Set<String>> subscribedTopics, long nowMs,
                                   Consumer<OffsetDeleteResult> respond) {
        ConsumerGroup group = groups.groupFor(groupId, false, nowMs);
        if (group == null || group.is(GroupState.DEAD)) {
            respond.accept(new OffsetDeleteResult(Errors.GROUP_ID_NOT_FOUND, Map.of()));
            return;
        }
        Set<String> inUse = Set.of();
        if (!group.is(GroupState.EMPTY)) {
            if (!"consumer".equals(group.protocolType) || group.protocolName == null) {
                respond.accept(new OffsetDeleteResult(Errors.NON_EMPTY_GROUP, Map.of()));
                return;
            }
            inUse = new HashSet<>();
            for (GroupMember member : group.allMembers()) {
                inUse.addAll(subscribedTopics.apply(member.metadataFor(group.protocolName)));
            }
        }
        Map<TopicPartition, Errors> results = new LinkedHashMap<>();
        List<GroupRecord> tombstones = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (inUse.contains(partition.topic())) {
                results.put(partition, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
            } else {
                results.put(partition, Errors.NONE);
                tombstones.add(new GroupRecord.OffsetTombstone(groupId, partition.topic(), partition.partition()));
            }
        }
        if (tombstones.isEmpty()) {
            respond.accept(new OffsetDeleteResult(Errors.NONE, results));
            return;
        }
        sink.append(tombstones, (error, callbackMs) -> {
            if (error != Errors.NONE) {
                respond.accept(new OffsetDeleteResult(GroupCoordinator.storeErrorFor(error), Map.of()));
                return;
            }
            tombstones.forEach(t -> replay((GroupRecord.OffsetTombstone) t));
            respond.accept(new OffsetDeleteResult(Errors.NONE, results));
        });
    }

    public record OffsetDeleteResult(Errors error, Map<TopicPartition, Errors> partitionErrors) {}

    void replay(GroupRecord.OffsetCommit commit) {
        offsetsByGroup.computeIfAbsent(commit.groupId(), id -> new HashMap<>())
                .put(new TopicPartition(commit.topic(), commit.partition()),
                        new CommittedOffset(commit.offset(), commit.leaderEpoch(), commit.metadata(),
                                commit.commitTimestampMs()));
    }

    void replay(GroupRecord.OffsetTombstone tombstone) {
        Map<TopicPartition, CommittedOffset> committed = offsetsByGroup.get(tombstone.groupId());
        if (committed != null) {
            committed.remove(new TopicPartition(tombstone.topic(), tombstone.partition()));
            if (committed.isEmpty()) {
                offsetsByGroup.remove(tombstone.groupId());
            }
        }
    }

    List<GroupRecord> tombstonesFor(String groupId) {
        List<GroupRecord> tombstones = new ArrayList<>();
        for (TopicPartition partition : offsetsByGroup.getOrDefault(groupId, Map.of()).keySet()) {
            tombstones.add(new GroupRecord.OffsetTombstone(groupId, partition.topic(), partition.partition()));
        }
        return tombstones;
    }

    void removeGroup(String groupId) {
        offsetsByGroup.remove(groupId);
    }
}
