package io.rafka.replication;

import java.util.Optional;

/**
 * The leader's side of KIP-320: a follower's Fetch carries the epoch of the last record it holds;
 * if the leader's lineage says that epoch ended before the fetch offset (or the leader never had
 * it), the follower's tail diverges and the leader answers with the diverging epoch instead of
 * records. The follower feeds that answer to {@link TruncationPlanner#nextStep}.
 *
 * <p>Stateless; thread-safe.
 */
public final class FetchDivergence {

    private FetchDivergence() {}

    /**
     * @param lastFetchedEpoch the latest epoch of the follower's lineage (after its first fetch, the
     *     epoch of the last record it fetched), or {@link EpochEndOffset#UNDEFINED_EPOCH} when it has
     *     none (nothing to check). Not merely the last record's epoch: a former leader may end with an
     *     epoch holding no record, which must be reported so that it gets cut.
     * @return the leader's end offset for that epoch when the follower diverges, else empty
     */
    public static Optional<EpochEndOffset> check(ReplicaLogView leader, long fetchOffset, int lastFetchedEpoch) {
        if (lastFetchedEpoch == EpochEndOffset.UNDEFINED_EPOCH) {
            return Optional.empty();
        }
        EpochEndOffset leaderEnd = leader.endOffsetForEpoch(lastFetchedEpoch);
        boolean diverges = leaderEnd.isUndefined()
                || leaderEnd.epoch() < lastFetchedEpoch
                || leaderEnd.endOffset() < fetchOffset;
        return diverges ? Optional.of(leaderEnd) : Optional.empty();
    }
}
