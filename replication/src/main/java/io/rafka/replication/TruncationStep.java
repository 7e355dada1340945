package io.rafka.replication;

/**
 * What a follower does next while it reconciles its log with a new leader's.
 *
 * <p>Legal sequences: {@code AskLeader(e1) -> (Truncate(o, askAgain=true) -> AskLeader(e2 < e1))* ->
 * Truncate(o, askAgain=false)} then fetch from {@code o}; or {@link AwaitNewerLeader} at any point,
 * after which the follower waits for metadata and starts over.
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface TruncationStep {

    /** Send OffsetForLeaderEpoch(epoch) to the leader. */
    record AskLeader(int epoch) implements TruncationStep {}

    /**
     * Truncate the local log to end at {@code offset} (a no-op when it already ends there or before).
     * If {@code askAgain}, the leader's answer named an epoch this log never had, so the truncation is
     * only part of the way: ask again with the new latest epoch. Otherwise the logs agree up to
     * {@code offset} and the follower fetches from there.
     */
    record Truncate(long offset, boolean askAgain) implements TruncationStep {}

    /**
     * The leader knows no epoch at or below the one asked: it is older than this follower's lineage
     * (a stale leader not yet fenced). Truncating now could drop records a newer leader holds, so the
     * follower keeps its log and waits for newer metadata.
     */
    record AwaitNewerLeader(EpochEndOffset leaderAnswer) implements TruncationStep {}
}
