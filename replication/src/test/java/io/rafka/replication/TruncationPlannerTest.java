package io.rafka.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TruncationPlannerTest {

    @Test
    void followerTruncatesToDivergencePoint() {
        // Both wrote epoch 2; the follower holds 4 more epoch-2 records the new leader (epoch 3) never got.
        EpochLog leader = EpochLog.of(0, 5, 2, 3, 3, 6);
        EpochLog follower = EpochLog.of(0, 5, 2, 7);

        assertThat(TruncationPlanner.firstStep(follower)).isEqualTo(new TruncationStep.AskLeader(2));
        TruncationStep step = TruncationPlanner.nextStep(follower, 2, leader.endOffsetForEpoch(2));
        assertThat(step).isEqualTo(new TruncationStep.Truncate(8, false));
    }

    @Test
    void followerWhoseLogIsAPrefixOfTheLeaderKeepsEverything() {
        EpochLog leader = EpochLog.of(0, 5, 2, 9);
        EpochLog follower = EpochLog.of(0, 5, 2, 2);
        assertThat(resolve(follower, leader)).contains(7L);
        assertThat(follower.logEndOffset()).isEqualTo(7);
    }

    @Test
    void followerNeverTruncatesToItsHighWatermarkBlindly() {
        // The follower's high watermark might be 3, but the logs agree up to 9: nothing is dropped.
        EpochLog leader = EpochLog.of(0, 3, 1, 6, 4, 2);
        EpochLog follower = EpochLog.of(0, 3, 1, 6);
        assertThat(resolve(follower, leader)).contains(9L);
    }

    @Test
    void leaderAnsweringWithAnEpochTheFollowerNeverHadCutsTheFollowerAndAsksAgain() {
        // Follower 1@0 3@10 5@20 (end 25); leader 1@0 2@8 4@15 6@30, now leading epoch 6.
        // Asked about 5, the leader answers (4, 30).
        EpochLog follower = EpochLog.of(1, 10, 3, 10, 5, 5);
        EpochLog leader = EpochLog.of(1, 8, 2, 7, 4, 15, 6, 0);

        assertThat(leader.endOffsetForEpoch(5)).isEqualTo(new EpochEndOffset(4, 30));
        TruncationStep first = TruncationPlanner.nextStep(follower, 5, leader.endOffsetForEpoch(5));
        assertThat(first).isEqualTo(new TruncationStep.Truncate(20, true));
    }

    @Test
    void iterativeResolutionDropsEveryEpochTheLeaderNeverHad() {
        EpochLog follower = EpochLog.of(1, 10, 3, 10, 5, 5);
        EpochLog leader = EpochLog.of(1, 8, 2, 7, 4, 15, 6, 0);
        // 5 -> (4, 30): cut at 20; 3 -> (2, 15): cut at 10; 1 -> (1, 8): done at 8.
        assertThat(resolve(follower, leader)).contains(8L);
        assertThat(follower.epochHistory().entries()).containsExactly(new EpochEntry(1, 0));
    }

    @Test
    void followerWhoseEpochsAreAllNewerThanTheLeadersAnswerDropsItsWholeLineage() {
        EpochLog follower = new EpochLog().append(4, 6);
        EpochLog leader = EpochLog.of(2, 9, 5, 0);
        assertThat(resolve(follower, leader)).contains(0L);
    }

    @Test
    void epochWithoutRecordsAtTheFollowersEndIsCut() {
        // The follower led epoch 3 but appended nothing; the new leader never had epoch 3.
        EpochLog follower = EpochLog.of(0, 4).append(3, 0);
        EpochLog leader = EpochLog.of(0, 6, 4, 1);
        assertThat(resolve(follower, leader)).contains(4L);
        assertThat(follower.epochHistory().entries()).containsExactly(new EpochEntry(0, 0));
    }

    @Test
    void leaderThatKnowsNoEpochAtOrBelowTheAskedOneMakesTheFollowerWaitInsteadOfGuessing() {
        EpochLog follower = EpochLog.of(0, 4, 5, 3);
        TruncationStep step = TruncationPlanner.nextStep(follower, 5, EpochEndOffset.UNDEFINED);
        assertThat(step).isInstanceOf(TruncationStep.AwaitNewerLeader.class);
    }

    @Test
    void followerWithoutEpochsFetchesFromItsEnd() {
        assertThat(TruncationPlanner.firstStep(new EpochLog())).isEqualTo(new TruncationStep.Truncate(0, false));
    }

    /**
     * Property: for any two logs that obey Kafka's log matching rule (one leader per epoch, so equal
     * epochs at an offset mean equal records), resolution ends exactly at their longest common prefix.
     * Replay with {@code -Dtruncation.seed=N}.
     */
    @Test
    void resolutionAlwaysEndsAtTheLongestCommonPrefix() {
        long baseSeed = Long.getLong("truncation.seed", 20261123L);
        int cases = System.getProperty("truncation.seed") != null ? 1 : 3_000;
        System.out.println("resolutionAlwaysEndsAtTheLongestCommonPrefix seed " + baseSeed);
        for (int i = 0; i < cases; i++) {
            long seed = baseSeed + i;
            Random random = new Random(seed);
            EpochLog leader = new EpochLog();
            EpochLog follower = new EpochLog();
            int epoch = 0;
            int sharedEpochs = random.nextInt(4);
            for (int e = 0; e < sharedEpochs; e++, epoch++) {
                int count = random.nextInt(4);
                leader.append(epoch, count);
                follower.append(epoch, count);
            }
            // The last shared epoch's leader may have sent some more records to one side only.
            if (sharedEpochs > 0 && random.nextBoolean()) {
                (random.nextBoolean() ? leader : follower).append(epoch - 1, 1 + random.nextInt(3));
            }
            int divergentEpochs = random.nextInt(5);
            for (int e = 0; e < divergentEpochs; e++, epoch++) {
                (random.nextBoolean() ? leader : follower).append(epoch, random.nextInt(4));
            }
            leader.append(epoch, 0); // a leader's lineage always holds its own, newest, epoch
            long expected = longestCommonPrefix(leader, follower);
            Optional<Long> resolved = resolve(follower, leader);
            assertThat(resolved).as("seed %s: follower %s leader %s", seed, follower.epochHistory(), leader.epochHistory())
                    .contains(expected);
            assertThat(follower.logEndOffset()).as("seed %s", seed).isEqualTo(expected);
        }
    }

    private static long longestCommonPrefix(EpochLog a, EpochLog b) {
        long end = Math.min(a.logEndOffset(), b.logEndOffset());
        for (long offset = 0; offset < end; offset++) {
            if (a.epochAt(offset) != b.epochAt(offset)) {
                return offset;
            }
        }
        return end;
    }

    private static Optional<Long> resolve(EpochLog follower, EpochLog leader) {
        return TruncationPlanner.resolve(follower, leader::endOffsetForEpoch, follower::truncateTo);
    }
}
