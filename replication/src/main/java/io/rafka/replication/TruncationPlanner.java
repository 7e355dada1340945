package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * The follower's side of divergence resolution by leader epoch (KIP-101, with KIP-279's iterative
 * refinement): from the follower's epoch lineage and the leader's answers to OffsetForLeaderEpoch,
 * the exact offset where the two logs stop agreeing. The same rule applies to the diverging epoch a
 * leader returns in a Fetch response (KIP-320).
 *
 * <p>It never falls back to the high watermark: a follower that cannot tell where it diverges keeps
 * its records ({@link TruncationStep.AwaitNewerLeader}) rather than guess.
 *
 * <p>Stateless; thread-safe.
 */
public final class TruncationPlanner {

    private TruncationPlanner() {}

    /** The first step after becoming follower: ask about our latest epoch, or fetch straight away if we have none. */
    public static TruncationStep firstStep(ReplicaLogView follower) {
        Optional<EpochEntry> latest = follower.epochHistory().latest();
        if (latest.isEmpty()) {
            // No epoch means no record was ever written here under a leader: nothing can diverge.
            return new TruncationStep.Truncate(follower.logEndOffset(), false);
        }
        return new TruncationStep.AskLeader(latest.get().epoch());
    }

    /**
     * The step after the leader answered {@code leaderAnswer} to OffsetForLeaderEpoch(askedEpoch).
     * When the returned step asks again, the caller truncates first and then calls {@link #firstStep}.
     */
    public static TruncationStep nextStep(ReplicaLogView follower, int askedEpoch, EpochEndOffset leaderAnswer) {
        if (leaderAnswer.isUndefined()) {
            return new TruncationStep.AwaitNewerLeader(leaderAnswer);
        }
        Checks.check(leaderAnswer.epoch() <= askedEpoch,
                "leader answered epoch %s to a question about epoch %s", leaderAnswer.epoch(), askedEpoch);
        long followerEndOffset = follower.logEndOffset();
        EpochEndOffset ours = follower.endOffsetForEpoch(leaderAnswer.epoch());
        if (ours.isUndefined()) {
            // Our lineage is empty (we asked, so it was not before: a concurrent truncation emptied it).
            return new TruncationStep.Truncate(Math.min(leaderAnswer.endOffset(), followerEndOffset), false);
        }
        if (ours.epoch() != leaderAnswer.epoch()) {
            // We never had the leader's epoch: everything from our first epoch above it is foreign to
            // the leader. Cut there and ask about the epoch we are left with.
            return new TruncationStep.Truncate(Math.min(ours.endOffset(), followerEndOffset), true);
        }
        long agreedEnd = Math.min(ours.endOffset(), leaderAnswer.endOffset());
        return new TruncationStep.Truncate(Math.min(agreedEnd, followerEndOffset), false);
    }

    /**
     * Runs the whole exchange against an in-process leader and returns the offset the follower must
     * truncate to, or empty if it must await a newer leader. The follower's log is not touched; the
     * truncation each intermediate step implies is applied to {@code follower} through
     * {@code truncate}. Bounded: each repeated question follows a cut that removed at least one epoch
     * from the follower's lineage.
     */
    public static Optional<Long> resolve(ReplicaLogView follower, IntFunction<EpochEndOffset> leaderEndOffsetForEpoch,
                                         LongConsumer truncate) {
        // Each question after the first follows a cut that removed at least one epoch of the lineage.
        int maxQuestions = follower.epochHistory().entries().size() + 1;
        TruncationStep step = firstStep(follower);
        for (int questions = 0; questions <= maxQuestions; ) {
            if (step instanceof TruncationStep.AskLeader ask) {
                questions++;
                step = nextStep(follower, ask.epoch(), leaderEndOffsetForEpoch.apply(ask.epoch()));
            } else if (step instanceof TruncationStep.Truncate cut) {
                truncate.accept(cut.offset());
                if (!cut.askAgain()) {
                    return Optional.of(cut.offset());
                }
                step = firstStep(follower);
            } else {
                return Optional.empty();
            }
        }
        throw new Checks.InvariantViolation("divergence not resolved within " + maxQuestions + " questions for lineage "
                + follower.epochHistory());
    }
}
