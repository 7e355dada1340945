package io.rafka.replication;

import io.rafka.common.Checks;

/**
 * What a leader knows of one follower, updated by each of its fetches (Kafka's ReplicaState).
 *
 * <p>A follower is caught up at time t if its fetch at t asked for the leader's log end offset at
 * that moment. Because the leader's end keeps moving, a fetch that reaches the leader's end as of
 * the <em>previous</em> fetch also proves the follower was caught up at that previous fetch's time.
 * {@code lastCaughtUpTimeMs} is the latest such time; it never decreases.
 *
 * <p>{@code brokerEpoch} identifies the follower's process (it changes when the broker restarts and
 * re-registers): an ISR proposal names it, so that the controller can refuse to add a replica on
 * the strength of fetches made by a previous life that has since lost its unflushed tail (KIP-903).
 *
 * <p>Invariant: {@code logEndOffset == UNKNOWN_OFFSET} until the first fetch of the current leader
 * epoch; the high watermark cannot pass a follower in the ISR whose end is unknown.
 *
 * <p>Immutable; thread-safe.
 */
public record FollowerProgress(long brokerEpoch, long logEndOffset, long lastFetchLeaderLogEndOffset,
                               long lastFetchTimeMs, long lastCaughtUpTimeMs) {

    public static final long UNKNOWN_OFFSET = -1L;
    public static final long UNKNOWN_BROKER_EPOCH = -1L;

    /**
     * State at the start of a leader epoch. ISR members are credited with being caught up now, so
     * they get a full {@code replica.lag.time.max.ms} to fetch before being shrunk out; others get
     * nothing, so they cannot hold up anything.
     */
    public static FollowerProgress atLeaderStart(boolean inIsr, long nowMs) {
        return new FollowerProgress(UNKNOWN_BROKER_EPOCH, UNKNOWN_OFFSET, UNKNOWN_OFFSET, 0L, inIsr ? nowMs : 0L);
    }

    /**
     * Progress after a fetch at {@code nowMs} from the follower's process {@code fetchBrokerEpoch},
     * asking for {@code fetchOffset} while the leader ended at {@code leaderLogEndOffset}.
     */
    public FollowerProgress afterFetch(long fetchBrokerEpoch, long fetchOffset, long leaderLogEndOffset, long nowMs) {
        Checks.check(!isStaleBrokerEpoch(fetchBrokerEpoch), "fetch from broker epoch %s after one from %s",
                fetchBrokerEpoch, brokerEpoch);
        Checks.check(fetchOffset >= 0 && fetchOffset <= leaderLogEndOffset,
                "fetch offset %s outside the leader's log [0, %s]", fetchOffset, leaderLogEndOffset);
        long caughtUpMs = lastCaughtUpTimeMs;
        if (fetchOffset >= leaderLogEndOffset) {
            caughtUpMs = Math.max(caughtUpMs, nowMs);
        } else if (lastFetchLeaderLogEndOffset != UNKNOWN_OFFSET && fetchOffset >= lastFetchLeaderLogEndOffset) {
            caughtUpMs = Math.max(caughtUpMs, lastFetchTimeMs);
        }
        return new FollowerProgress(fetchBrokerEpoch, fetchOffset, leaderLogEndOffset, nowMs, caughtUpMs);
    }

    /** Whether a fetch carrying {@code fetchBrokerEpoch} comes from an older process than one already seen. */
    public boolean isStaleBrokerEpoch(long fetchBrokerEpoch) {
        return fetchBrokerEpoch < brokerEpoch;
    }

    /** Whether this follower is in sync with a leader ending at {@code leaderLogEndOffset} at {@code nowMs}. */
    public boolean isCaughtUp(long leaderLogEndOffset, long nowMs, long replicaLagTimeMaxMs) {
        return logEndOffset == leaderLogEndOffset || nowMs - lastCaughtUpTimeMs <= replicaLagTimeMaxMs;
    }
}
