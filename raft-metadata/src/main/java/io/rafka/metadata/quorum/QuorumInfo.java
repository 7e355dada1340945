package io.rafka.metadata.quorum;

import java.util.List;

/**
 * The metadata quorum's state as this node sees it, for {@code rafka quorum describe} and Kafka's
 * DescribeQuorum. Per-replica figures are known only on the leader; elsewhere {@code replicas} lists this
 * node alone.
 *
 * @param leaderId the leader's node id, -1 if unknown
 * @param leaderEpoch the Raft term
 * @param highWatermark the commit index
 * @param lastAppliedIndex what this node's image holds
 *
 * <p>Immutable, thread-safe.
 */
public record QuorumInfo(int leaderId, long leaderEpoch, long highWatermark, long lastAppliedIndex,
                         List<ReplicaState> voters, List<ReplicaState> observers) {

    /**
     * @param lastIndex the last log index known to be replicated on (voters) or committed by this replica
     * @param lag how many entries this replica is behind the leader's last index
     * @param lastContactMsAgo milliseconds since the leader last heard from it (0 for the leader; -1 unknown)
     */
    public record ReplicaState(int nodeId, long lastIndex, long lag, long lastContactMsAgo) {
    }
}
