package io.rafka.broker.group;

import java.util.List;

/**
 * What the coordinator writes to its partition of {@code __consumer_offsets} and replays when it
 * takes that partition over. Keys (for compaction) are the group, or the group and partition.
 */
public sealed interface GroupRecord {

    String groupId();

    /** The group's generation and every member's subscription and assignment. */
    record GroupMetadata(String groupId, String protocolType, int generationId, String protocolName,
                         String leaderId, long timestampMs, List<MemberMetadata> members) implements GroupRecord {
        public GroupMetadata {
            members = List.copyOf(members);
        }
    }

    record MemberMetadata(String memberId, String groupInstanceId, String clientId, String clientHost,
                          int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription, byte[] assignment) {}

    /** The group is deleted. */
    record GroupTombstone(String groupId) implements GroupRecord {}

    record OffsetCommit(String groupId, String topic, int partition, long offset, int leaderEpoch,
                        String metadata, long commitTimestampMs) implements GroupRecord {}

    /** A committed offset is deleted (OffsetDelete, or the group is deleted). */
    record OffsetTombstone(String groupId, String topic, int partition) implements GroupRecord {}
}
