package io.rafka.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.MockTime;
import io.rafka.log.LogConfig;
import io.rafka.log.LogManager;
import io.rafka.log.PartitionLog;
import io.rafka.log.TopicPartition;
import io.rafka.replication.PartitionRegistration;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The produce path's rules on one partition, with a real log and a mock clock. */
class PartitionTest {

    private static final int LOCAL = 1;
    private static final int FOLLOWER = 2;
    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;
    private final MockTime time = new MockTime();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private LogManager logManager;
    private Partition partition;

    private final java.util.List<io.rafka.replication.IsrProposal> proposals =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        logManager = LogManager.open(List.of(dir), LogConfig.defaults(), time, LogManager.Settings.manual());
        PartitionLog log = logManager.getOrCreateLog("t", 0, LogConfig.defaults());
        PartitionSettings settings = new PartitionSettings(LogConfig.defaults(), 1,
            PartitionSettings.DEFAULT_TIMESTAMP_BEFORE_MAX_MS, PartitionSettings.DEFAULT_TIMESTAMP_AFTER_MAX_MS);
        partition = new Partition(new TopicPartition("t", 0), UUID.randomUUID(), LOCAL, log, settings, time,
            wakeUps::incrementAndGet, (p, proposal) -> proposals.add(proposal));
    }

    @AfterEach
    void close() throws Exception {
        logManager.shutdown();
    }

    private static PartitionRegistration registration(int leader, int leaderEpoch, int partitionEpoch, Set<Integer> isr) {
        return new PartitionRegistration(leader, leaderEpoch, partitionEpoch, List.of(LOCAL, FOLLOWER), isr);
    }

    private static ByteBuffer batch(String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes());
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    @Test
    void aFollowerRefusesAppendsWithNotLeaderOrFollower() {
        partition.becomeFollower(registration(FOLLOWER, 0, 0, Set.of(LOCAL, FOLLOWER)));
        AppendOutcome outcome = partition.appendAsLeader(batch("a"), (short) 1, TIMEOUT_MS).join();
        assertThat(outcome.error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(partition.log().logEndOffset()).isZero();
    }

    @Test
    void soleIsrMemberAcknowledgesAcksAllAtOnceAndAdvancesTheHighWatermark() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL)));
        CompletableFuture<AppendOutcome> outcome = partition.appendAsLeader(batch("a", "b"), (short) -1, TIMEOUT_MS);
        assertThat(outcome).isCompleted();
        assertThat(outcome.join().error()).isEqualTo(Errors.NONE);
        assertThat(outcome.join().baseOffset()).isZero();
        assertThat(outcome.join().lastOffset()).isEqualTo(1);
        assertThat(partition.highWatermark()).isEqualTo(2);
        assertThat(wakeUps.get()).as("long-polling fetches are woken by the HW move").isPositive();
    }

    @Test
    void acksAllWaitsForTheIsrAndTimesOutWithRequestTimedOut() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        CompletableFuture<AppendOutcome> waiting = partition.appendAsLeader(batch("a"), (short) -1, TIMEOUT_MS);
        assertThat(waiting).isNotDone();
        assertThat(partition.highWatermark()).as("the follower has not fetched it").isZero();

        time.advanceMs(TIMEOUT_MS - 1);
        partition.expireWaiters(time.milliseconds());
        assertThat(waiting).isNotDone();
        time.advanceMs(1);
        partition.expireWaiters(time.milliseconds());
        assertThat(waiting.join().error()).isEqualTo(Errors.REQUEST_TIMED_OUT);
        assertThat(partition.log().logEndOffset()).as("the record stays in the log").isEqualTo(1);
    }

    @Test
    void acksOneDoesNotWaitForTheIsr() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        CompletableFuture<AppendOutcome> outcome = partition.appendAsLeader(batch("a"), (short) 1, TIMEOUT_MS);
        assertThat(outcome.join().error()).isEqualTo(Errors.NONE);
    }

    @Test
    void losingLeadershipFailsWaitingAcksAllWithNotLeaderOrFollower() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        CompletableFuture<AppendOutcome> waiting = partition.appendAsLeader(batch("a"), (short) -1, TIMEOUT_MS);

        partition.becomeFollower(registration(FOLLOWER, 1, 1, Set.of(LOCAL, FOLLOWER)));

        assertThat(waiting.join().error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(partition.pendingAcksAllWaiters()).isZero();
    }

    @Test
    void isrShrinkToTheLeaderReleasesWaitersAndRaisesTheHighWatermark() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        CompletableFuture<AppendOutcome> waiting = partition.appendAsLeader(batch("a"), (short) -1, TIMEOUT_MS);

        partition.becomeLeader(registration(LOCAL, 0, 1, Set.of(LOCAL))); // same epoch: an ISR change

        assertThat(waiting.join().error()).isEqualTo(Errors.NONE);
        assertThat(partition.highWatermark()).isEqualTo(1);
    }

    @Test
    void acksAllBelowMinInsyncReplicasIsRefusedBeforeAppending() {
        partition.updateSettings(new PartitionSettings(LogConfig.defaults(), 2,
            PartitionSettings.DEFAULT_TIMESTAMP_BEFORE_MAX_MS, PartitionSettings.DEFAULT_TIMESTAMP_AFTER_MAX_MS));
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL)));

        assertThat(partition.appendAsLeader(batch("a"), (short) -1, TIMEOUT_MS).join().error())
            .isEqualTo(Errors.NOT_ENOUGH_REPLICAS);
        assertThat(partition.log().logEndOffset()).isZero();
    }

    @Test
    void consumersReadOnlyUpToTheHighWatermark() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        partition.appendAsLeader(batch("uncommitted"), (short) 1, TIMEOUT_MS).join();

        PartitionRead read = partition.read(0, 1 << 20, true, -1);

        assertThat(read.error()).isEqualTo(Errors.NONE);
        assertThat(read.records().isEmpty()).isTrue();
        assertThat(read.highWatermark()).isZero();
        assertThat(read.logEndOffset()).isEqualTo(1);
    }

    @Test
    void deleteRecordsBeyondTheHighWatermarkIsOffsetOutOfRange() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        partition.appendAsLeader(batch("a"), (short) 1, TIMEOUT_MS).join();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partition.deleteRecordsBefore(1))
            .isInstanceOf(io.rafka.log.OffsetOutOfRangeException.class);
    }

    // ---------------------------------------------------------------- replication: leader side

    private static final long FOLLOWER_BROKER_EPOCH = 7;

    private PartitionRead followerFetch(long fetchOffset, int lastFetchedEpoch, int leaderEpoch) {
        return partition.readForFollower(FOLLOWER, FOLLOWER_BROKER_EPOCH, leaderEpoch, fetchOffset, lastFetchedEpoch,
            1 << 20, true);
    }

    @Test
    void followerFetchReadsPastTheHighWatermarkAndItsNextFetchCommits() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        CompletableFuture<AppendOutcome> waiting = partition.appendAsLeader(batch("a", "b"), (short) -1, TIMEOUT_MS);

        PartitionRead first = followerFetch(0, -1, 0);
        assertThat(first.error()).isEqualTo(Errors.NONE);
        assertThat(first.records().isEmpty()).as("followers copy uncommitted records").isFalse();
        assertThat(waiting).isNotDone();

        PartitionRead second = followerFetch(2, 0, 0);
        assertThat(second.highWatermark()).as("the answer carries the new high watermark").isEqualTo(2);
        assertThat(partition.highWatermark()).isEqualTo(2);
        assertThat(waiting.join().error()).isEqualTo(Errors.NONE);
    }

    @Test
    void followerFetchWithAStaleLeaderEpochIsFenced() {
        partition.becomeLeader(registration(LOCAL, 3, 0, Set.of(LOCAL, FOLLOWER)));
        assertThat(followerFetch(0, -1, 2).error()).isEqualTo(Errors.FENCED_LEADER_EPOCH);
        assertThat(followerFetch(0, -1, 4).error()).isEqualTo(Errors.UNKNOWN_LEADER_EPOCH);
    }

    @Test
    void followerWithAForeignTailIsToldWhereItsEpochEndsInsteadOfGettingRecords() {
        partition.becomeLeader(registration(LOCAL, 3, 0, Set.of(LOCAL, FOLLOWER)));
        partition.appendAsLeader(batch("a", "b"), (short) 1, TIMEOUT_MS).join(); // epoch 3 starts at 0

        PartitionRead read = followerFetch(5, 2, 3); // the follower holds 5 offsets, its last in epoch 2

        assertThat(read.error()).isEqualTo(Errors.NONE);
        assertThat(read.records().isEmpty()).isTrue();
        assertThat(read.divergingEpoch()).as("epoch 2 ends where 3 began")
            .contains(new io.rafka.replication.EpochEndOffset(2, 0));
    }

    @Test
    void aCaughtUpFollowerIsProposedBackIntoTheIsr() {
        partition.becomeLeader(new PartitionRegistration(LOCAL, 0, 0, List.of(LOCAL, FOLLOWER), Set.of(LOCAL)));
        partition.appendAsLeader(batch("a", "b"), (short) 1, TIMEOUT_MS).join();
        followerFetch(0, -1, 0);
        assertThat(proposals).as("not caught up yet").isEmpty();

        followerFetch(2, 0, 0);

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.proposedIsr()).containsExactlyInAnyOrder(LOCAL, FOLLOWER);
            assertThat(p.change()).isEqualTo(io.rafka.replication.IsrProposal.Change.EXPAND);
            assertThat(p.brokerEpochs()).containsEntry(FOLLOWER, FOLLOWER_BROKER_EPOCH);
        });
        assertThat(partition.pendingIsrProposal()).contains(proposals.get(0));
    }

    @Test
    void aLaggingFollowerIsProposedOutAndARefusalRestoresTheCommittedIsr() {
        partition.becomeLeader(registration(LOCAL, 0, 0, Set.of(LOCAL, FOLLOWER)));
        partition.appendAsLeader(batch("a"), (short) 1, TIMEOUT_MS).join();
        long lagMs = 10_000;
        partition.maybeShrinkIsr(time.milliseconds() + lagMs, lagMs);
        assertThat(proposals).as("within replica.lag.time.max.ms").isEmpty();

        time.advanceMs(lagMs + 1);
        partition.maybeShrinkIsr(time.milliseconds(), lagMs);

        assertThat(proposals).singleElement().satisfies(p -> assertThat(p.proposedIsr()).containsExactly(LOCAL));
        assertThat(partition.highWatermark()).as("a pending shrink still waits for the leaving follower").isZero();
        partition.onIsrProposalRejected(proposals.get(0));
        assertThat(partition.pendingIsrProposal()).isEmpty();
    }

    @Test
    void aNewLeaderBeginsItsEpochInTheLogBeforeWriting() {
        partition.becomeLeader(registration(LOCAL, 4, 0, Set.of(LOCAL, FOLLOWER)));
        assertThat(partition.log().latestEpoch()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- replication: follower side

    private static ByteBuffer fetched(long baseOffset, int leaderEpoch, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes());
        }
        return MemoryRecords.withRecords(baseOffset, Compression.NONE, leaderEpoch, records).buffer();
    }

    @Test
    void aFollowerAppendsTheLeadersBatchesAndTakesItsHighWatermark() {
        partition.becomeFollower(registration(FOLLOWER, 2, 0, Set.of(LOCAL, FOLLOWER)));

        assertThat(partition.appendAsFollower(2, fetched(0, 2, "a", "b", "c"), 2, 0)).isTrue();

        assertThat(partition.log().logEndOffset()).isEqualTo(3);
        assertThat(partition.highWatermark()).isEqualTo(2);
        assertThat(partition.log().latestEpoch()).isEqualTo(2);
        assertThat(partition.appendAsFollower(2, fetched(3, 2), 99, 0)).isTrue();
        assertThat(partition.highWatermark()).as("never past the local log end").isEqualTo(3);
    }

    @Test
    void anAnswerForAnotherEpochOrAfterBecomingLeaderIsDropped() {
        partition.becomeFollower(registration(FOLLOWER, 2, 0, Set.of(LOCAL, FOLLOWER)));
        assertThat(partition.appendAsFollower(1, fetched(0, 1, "stale"), 1, 0)).isFalse();
        assertThat(partition.truncateAsFollower(1, 0)).isEqualTo(-1);

        partition.becomeLeader(registration(LOCAL, 3, 1, Set.of(LOCAL, FOLLOWER)));
        assertThat(partition.appendAsFollower(2, fetched(0, 2, "late"), 1, 0)).isFalse();
        assertThat(partition.log().logEndOffset()).isZero();
    }

    @Test
    void divergenceTruncatesExactlyWhereTheLineagesPart() {
        partition.becomeFollower(registration(FOLLOWER, 2, 0, Set.of(LOCAL, FOLLOWER)));
        partition.appendAsFollower(2, fetched(0, 1, "a", "b"), 2, 0);   // epoch 1: offsets 0-1
        partition.appendAsFollower(2, fetched(2, 2, "c", "d"), 2, 0);   // epoch 2: offsets 2-3, uncommitted

        // The new leader (epoch 3) never had epoch 2: its answer names epoch 1 ending at 2.
        partition.becomeFollower(registration(FOLLOWER, 3, 1, Set.of(LOCAL, FOLLOWER)));
        io.rafka.replication.TruncationStep step = partition.nextTruncationStep(2,
            new io.rafka.replication.EpochEndOffset(1, 2));

        assertThat(step).isEqualTo(new io.rafka.replication.TruncationStep.Truncate(2, false));
        assertThat(partition.truncateAsFollower(3, 2)).as("records dropped").isEqualTo(2);
        assertThat(partition.log().logEndOffset()).isEqualTo(2);
        assertThat(partition.highWatermark()).isEqualTo(2);
        assertThat(partition.log().latestEpoch()).isEqualTo(1);
    }
}
