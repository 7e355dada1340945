package io.rafka.replication;

/**
 * What the replication core needs to know of a partition's local log, and no more, so that a thin
 * adapter can wrap the log engine's partition log (and tests can use an in-memory list).
 *
 * <p>Implementations state their own thread-safety; the core calls them from the partition's owner
 * thread only.
 */
public interface ReplicaLogView {

    /** Offset of the next record to be appended. */
    long logEndOffset();

    /** The log's leader-epoch checkpoint, consistent with {@link #logEndOffset()}. */
    LeaderEpochHistory epochHistory();

    /** OffsetForLeaderEpoch as this log would answer it. */
    default EpochEndOffset endOffsetForEpoch(int requestedEpoch) {
        return epochHistory().endOffsetFor(requestedEpoch, logEndOffset());
    }
}
