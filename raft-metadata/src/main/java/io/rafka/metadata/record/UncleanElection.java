package io.rafka.metadata.record;

import java.util.Map;

/**
 * What an unclean election cost. The new leader held {@code (lastLeaderEpoch, logEndOffset)} as its broker last
 * reported; {@code offsetsToDropByReplica} says, for every other replica with a report, how many offsets past the
 * new leader's log end it holds and must discard. NB: for a replica whose last epoch is older than the winner's
 * this is a lower bound (its log may diverge earlier; the exact point is found by leader-epoch truncation).
 *
 * <p>Immutable, thread-safe.
 */
public record UncleanElection(int leaderId, int lastLeaderEpoch, long logEndOffset,
                              Map<Integer, Long> offsetsToDropByReplica, long electedAtMs) {
    public UncleanElection {
        offsetsToDropByReplica = Map.copyOf(offsetsToDropByReplica);
    }

    public long totalOffsetsLost() {
        return offsetsToDropByReplica.values().stream().mapToLong(Long::longValue).max().orElse(0L);
    }
}
