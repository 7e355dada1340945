package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.Optional;

/**
 * The leader's verdict on a follower's Fetch before reading its log: an error to return, a diverging
 * epoch to return instead of records (KIP-320), or go-ahead ({@link #serveRecords()}).
 *
 * <p>Immutable; thread-safe.
 */
public record FetchValidation(ReplicationError error, Optional<EpochEndOffset> divergingEpoch) {

    public static final FetchValidation SERVE = new FetchValidation(ReplicationError.NONE, Optional.empty());

    public FetchValidation {
        Checks.check(error == ReplicationError.NONE || divergingEpoch.isEmpty(),
                "a fetch fails (%s) or diverges (%s), not both", error, divergingEpoch);
    }

    static FetchValidation failed(ReplicationError error) {
        return new FetchValidation(error, Optional.empty());
    }

    static FetchValidation diverging(EpochEndOffset leaderEnd) {
        return new FetchValidation(ReplicationError.NONE, Optional.of(leaderEnd));
    }

    /** Read and return records, then report the fetch with {@link LeaderPartitionState#onFollowerFetch}. */
    public boolean serveRecords() {
        return error == ReplicationError.NONE && divergingEpoch.isEmpty();
    }
}
