package io.rafka.replication.sim;

/** Counters that show a run exercised what it claims to test. Not thread-safe. */
final class SimStats {
    long produced;
    long acknowledged;
    long refusedNotEnoughReplicas;
    long failedAfterAppend;
    long timedOut;
    long crashes;
    long restarts;
    long leaderMoves;
    long isolations;
    long truncations;
    long recordsTruncated;
    long divergencesFromFetch;
    long awaitedNewerLeader;
    long isrShrinkProposals;
    long isrExpandProposals;
    long isrProposalsRejected;

    void add(SimStats other) {
        produced += other.produced;
        acknowledged += other.acknowledged;
        refusedNotEnoughReplicas += other.refusedNotEnoughReplicas;
        failedAfterAppend += other.failedAfterAppend;
        timedOut += other.timedOut;
        crashes += other.crashes;
        restarts += other.restarts;
        leaderMoves += other.leaderMoves;
        isolations += other.isolations;
        truncations += other.truncations;
        recordsTruncated += other.recordsTruncated;
        divergencesFromFetch += other.divergencesFromFetch;
        awaitedNewerLeader += other.awaitedNewerLeader;
        isrShrinkProposals += other.isrShrinkProposals;
        isrExpandProposals += other.isrExpandProposals;
        isrProposalsRejected += other.isrProposalsRejected;
    }

    @Override
    public String toString() {
        return "produced=" + produced + " acked=" + acknowledged + " notEnoughReplicas=" + refusedNotEnoughReplicas
                + " notEnoughAfterAppend=" + failedAfterAppend + " timedOut=" + timedOut + " crashes=" + crashes
                + " restarts=" + restarts + " leaderMoves=" + leaderMoves + " isolations=" + isolations
                + " truncations=" + truncations + " recordsTruncated=" + recordsTruncated
                + " fetchDivergences=" + divergencesFromFetch + " awaitedNewerLeader=" + awaitedNewerLeader
                + " isrShrinks=" + isrShrinkProposals + " isrExpands=" + isrExpandProposals
                + " isrRejected=" + isrProposalsRejected;
    }
}
