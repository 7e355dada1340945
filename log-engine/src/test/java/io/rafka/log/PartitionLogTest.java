package io.rafka.log;

import static io.rafka.log.testkit.TestBatches.batch;
import static io.rafka.log.testkit.TestBatches.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.MockTime;
import io.rafka.log.record.RecordBatch;
import io.rafka.log.testkit.LogContents;
import io.rafka.log.testkit.TestBatches;
import io.rafka.log.epoch.LeaderEpochCache;
import io.rafka.log.testkit.DirCopy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {

    @TempDir
    Path tempDir;

    private final MockTime time = new MockTime();
    private PartitionLog log;

    @AfterEach
    void closeLog() {
        if (log != null && !log.isOffline()) {
            log.close();
        }
    }

    private PartitionLog open(LogConfig config) throws IOException {
        log = PartitionLog.open(tempDir.resolve("topic-0"), config, LogEnvironment.standalone(time));
        return log;
    }

    private static LogConfig smallSegments(int segmentBytes) {
        return LogConfig.builder().segmentBytes(segmentBytes).indexIntervalBytes(64).segmentIndexBytes(4096).build();
    }

    @Test
    void aNewPartitionsEpochsAreRebuiltFromItsBatchesAfterACrashBeforeTheFirstFlush() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(3, time.milliseconds()), 4);
        log.appendAsLeader(simple(2, time.milliseconds()), 7);
        Path crashed = tempDir.resolve("crashed-0");
        DirCopy.copy(tempDir.resolve("topic-0"), crashed); // no flush, no close: a kill -9
        assertThat(crashed.resolve(LeaderEpochCache.FILE_NAME)).doesNotExist();

        PartitionLog recovered = PartitionLog.open(crashed, LogConfig.defaults(), LogEnvironment.standalone(time));
        try {
            assertThat(recovered.epochEntries()).isEqualTo(log.epochEntries());
            assertThat(recovered.epochEntries()).extracting(e -> e.epoch()).containsExactly(4, 7);
        } finally {
            recovered.close();
        }
        log.close();
        assertThat(tempDir.resolve("topic-0").resolve(LeaderEpochCache.FILE_NAME)).exists();
    }

    @Test
    void leaderAppendAssignsOffsetsFromTheLogEndAndStampsTheEpoch() throws IOException {
        open(LogConfig.defaults());
        LogAppendResult first = log.appendAsLeader(simple(3, time.milliseconds()), 5);
        LogAppendResult second = log.appendAsLeader(batch().baseOffset(999).value("x").build(), 5);

        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(second.lastOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(4);
        List<ByteBuffer> stored = LogContents.batches(log);
        assertThat(stored).hasSize(2);
        assertThat(RecordBatch.at(stored.get(1), 0).baseOffset()).isEqualTo(3);
        assertThat(RecordBatch.at(stored.get(1), 0).partitionLeaderEpoch()).isEqualTo(5);
        assertThat(RecordBatch.at(stored.get(1), 0).isCrcValid()).isTrue();
        assertThat(TestBatches.readValues(stored.get(0), 0)).extracting(String::new)
                .containsExactly("value-0", "value-1", "value-2");
    }

    @Test
    void createTimeKeepsTheProducerTimestampAndReportsNoAppendTime() throws IOException {
        open(LogConfig.defaults());
        LogAppendResult result = log.appendAsLeader(batch().timestamp(1234).value("a").value("b").build(), 0);
        assertThat(result.logAppendTimeMs()).isEqualTo(RecordBatch.NO_TIMESTAMP);
        assertThat(result.maxTimestampMs()).isEqualTo(1235);
    }

    @Test
    void logAppendTimeStampsTheBatchAndRecomputesItsCrc() throws IOException {
        open(LogConfig.builder().timestampType(TimestampType.LOG_APPEND_TIME).build());
        time.advanceMs(500);
        LogAppendResult result = log.appendAsLeader(batch().timestamp(1).value("a").build(), 0);

        assertThat(result.logAppendTimeMs()).isEqualTo(time.milliseconds());
        RecordBatch stored = RecordBatch.at(LogContents.batches(log).get(0), 0);
        assertThat(stored.isLogAppendTime()).isTrue();
        assertThat(stored.maxTimestamp()).isEqualTo(time.milliseconds());
        assertThat(stored.isCrcValid()).isTrue();
    }

    @Test
    void badBatchesAreRejectedWithTypedErrorsAndNothingIsWritten() throws IOException {
        open(LogConfig.builder().maxMessageBytes(200).build());
        ByteBuffer badCrc = simple(1, 0);
        badCrc.put(badCrc.limit() - 1, (byte) (badCrc.get(badCrc.limit() - 1) ^ 1));
        ByteBuffer wrongMagic = simple(1, 0);
        wrongMagic.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        ByteBuffer truncated = simple(2, 0).limit(70);
        ByteBuffer tooLarge = batch().values(1, 300, 1).build();
        ByteBuffer noRecords = simple(1, 0);
        noRecords.putInt(RecordBatch.RECORD_COUNT_OFFSET, 0);
        noRecords.putInt(RecordBatch.CRC_OFFSET, (int) RecordBatch.at(noRecords, 0).computeCrc());

        assertThatThrownBy(() -> log.appendAsLeader(badCrc, 0)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.appendAsLeader(wrongMagic, 0)).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> log.appendAsLeader(truncated, 0)).isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> log.appendAsLeader(tooLarge, 0)).isInstanceOf(RecordTooLargeException.class);
        assertThatThrownBy(() -> log.appendAsLeader(noRecords, 0)).isInstanceOf(InvalidRecordException.class);
        // A good batch followed by a bad one: the whole append is refused.
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.concat(simple(1, 0), badCrc), 0))
                .isInstanceOf(CorruptRecordException.class);

        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeBytes()).isZero();
        assertThat(log.epochEntries()).isEmpty();
    }

    @Test
    void readReturnsWholeBatchesWithinMaxBytesAndBelowMaxOffset() throws IOException {
        open(LogConfig.defaults());
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(simple(2, i), 0); // offsets 2i, 2i+1
        }
        int batchBytes = simple(2, 0).remaining();

        LogReadResult fromMiddle = log.read(3, batchBytes * 2, Long.MAX_VALUE, false);
        assertThat(fromMiddle.records().sizeBytes()).isEqualTo(batchBytes * 2);
        assertThat(RecordBatch.at(fromMiddle.records().toHeapBuffer(), 0).baseOffset()).isEqualTo(2);

        LogReadResult belowHighWatermark = log.read(0, 1 << 20, 5, false);
        assertThat(belowHighWatermark.records().sizeBytes()).isEqualTo(batchBytes * 2); // batch [4,5] excluded

        assertThat(log.read(0, batchBytes - 1, Long.MAX_VALUE, false).records().isEmpty()).isTrue();
        assertThat(log.read(0, batchBytes - 1, Long.MAX_VALUE, true).records().sizeBytes()).isEqualTo(batchBytes);
        assertThat(log.read(10, 100, Long.MAX_VALUE, true).records().isEmpty()).isTrue();
    }

    @Test
    void readOutsideTheLogFailsWithTheValidRange() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(4, 0), 0);
        log.appendAsLeader(simple(4, 0), 0);
        log.deleteRecordsBefore(2);

        assertThatThrownBy(() -> log.read(9, 100, Long.MAX_VALUE, true))
                .isInstanceOfSatisfying(OffsetOutOfRangeException.class, e -> {
                    assertThat(e.logStartOffset()).isEqualTo(2);
                    assertThat(e.logEndOffset()).isEqualTo(8);
                });
        assertThatThrownBy(() -> log.read(1, 100, Long.MAX_VALUE, true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void zeroCopyTransferSendsExactlyTheSliceBytes() throws IOException {
        open(LogConfig.defaults());
        ByteBuffer original = simple(3, 7);
        ByteBuffer expected = original.duplicate();
        log.appendAsLeader(original, 0);
        FileSlice slice = log.read(0, 1 << 20, Long.MAX_VALUE, true).records();
        Path out = tempDir.resolve("sent.bin");
        try (var channel = Files.newByteChannel(out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            assertThat(slice.transferTo(channel)).isEqualTo(slice.sizeBytes());
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(slice.toHeapBuffer().array());
        assertThat(ByteBuffer.wrap(Files.readAllBytes(out))).isEqualTo(expected);
    }

    @Test
    void segmentRollsBeforeItWouldPassSegmentBytes() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        open(smallSegments(batchBytes * 3));
        for (int i = 0; i < 7; i++) {
            log.appendAsLeader(simple(1, i), 0);
        }
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 3L, 6L);
        assertThat(LogContents.baseOffsets(log)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(log.recoveryPoint()).as("roll flushes the old segment").isEqualTo(6);
        try (Stream<Path> files = Files.list(log.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("00000000000000000003.log", "00000000000000000003.index",
                            "00000000000000000003.timeindex", "00000000000000000003.snapshot");
        }
    }

    @Test
    void segmentRollsWhenOlderThanSegmentMs() throws IOException {
        open(LogConfig.builder().segmentMs(1000).build());
        log.appendAsLeader(simple(1, time.milliseconds()), 0);
        time.advanceMs(500);
        log.appendAsLeader(simple(1, time.milliseconds()), 0);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        time.advanceMs(600);
        log.appendAsLeader(simple(1, time.milliseconds()), 0);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void segmentRollsWhenItsIndexIsFull() throws IOException {
        // 64-byte index: 8 offset entries; time index 5 entries (one kept for the roll).
        open(LogConfig.builder().segmentIndexBytes(64).indexIntervalBytes(0).build());
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(simple(1, i), 0);
        }
        assertThat(log.numberOfSegments()).isGreaterThan(1);
        assertThat(LogContents.baseOffsets(log)).hasSize(20);
    }

    @Test
    void retentionByBytesDeletesOldestWholeSegmentsButNeverTheActiveOne() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        open(smallSegments(batchBytes * 2).toBuilder().retentionBytes(batchBytes * 3L).build());
        for (int i = 0; i < 7; i++) {
            log.appendAsLeader(simple(1, time.milliseconds()), 0);
        }
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L, 4L, 6L);

        assertThat(log.deleteOldSegments()).isEqualTo(2);

        assertThat(log.segmentBaseOffsets()).containsExactly(4L, 6L);
        assertThat(log.logStartOffset()).isEqualTo(4);
        assertThat(LogContents.baseOffsets(log)).containsExactly(4L, 5L, 6L);
    }

    @Test
    void retentionByTimeDeletesExpiredSegmentsButNeverTheActiveOne() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        open(smallSegments(batchBytes * 2).toBuilder().retentionMs(10_000).build());
        for (int i = 0; i < 4; i++) {
            log.appendAsLeader(simple(1, time.milliseconds()), 0);
        }
        time.advanceMs(5_000);
        log.appendAsLeader(simple(1, time.milliseconds()), 0); // segments [0,1] [2,3] [4]
        assertThat(log.deleteOldSegments()).isZero();

        time.advanceMs(6_000);
        assertThat(log.deleteOldSegments()).isEqualTo(2);
        assertThat(log.segmentBaseOffsets()).containsExactly(4L);

        time.advanceMs(60_000);
        assertThat(log.deleteOldSegments()).as("the active segment stays").isZero();
        assertThat(log.logEndOffset()).isEqualTo(5);
    }

    @Test
    void deleteRecordsBeforeMovesTheStartAndDropsSegmentsBelowIt() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        open(smallSegments(batchBytes * 2));
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(simple(1, 0), 0);
        }
        assertThat(log.deleteRecordsBefore(3)).isEqualTo(3);
        assertThat(log.segmentBaseOffsets()).containsExactly(2L, 4L);
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.deleteRecordsBefore(1)).as("never moves back").isEqualTo(3);
        assertThatThrownBy(() -> log.deleteRecordsBefore(6)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(LogContents.baseOffsets(log)).containsExactly(3L, 4L);
    }

    @Test
    void truncateToCutsWholeBatchesAcrossSegmentsAndReopensTheTail() throws IOException {
        int batchBytes = simple(2, 0).remaining();
        open(smallSegments(batchBytes * 2));
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(simple(2, i), i); // epochs 0..4 at offsets 0,2,4,6,8
        }
        assertThat(log.truncateTo(5)).isTrue(); // inside batch [4,5]: the batch goes

        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 4L);
        assertThat(LogContents.baseOffsets(log)).containsExactly(0L, 2L);
        assertThat(log.epochEntries()).extracting(e -> e.epoch()).containsExactly(0, 1);
        assertThat(log.truncateTo(100)).isFalse();

        log.appendAsLeader(simple(2, 0), 7);
        assertThat(LogContents.baseOffsets(log)).containsExactly(0L, 2L, 4L);
        assertThat(log.latestEpoch()).isEqualTo(7);
    }

    @Test
    void aNewLeaderEpochStartsAtTheLogEndBeforeAnyRecordOfIt() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(3, 0), 1);
        log.beginLeaderEpoch(4);

        assertThat(log.latestEpoch()).isEqualTo(4);
        assertThat(log.endOffsetForEpoch(1).endOffset()).as("epoch 1 ends where 4 begins").isEqualTo(3);
        assertThat(log.endOffsetForEpoch(0).endOffset()).as("an epoch older than all ends at the first start")
                .isEqualTo(0);
        log.beginLeaderEpoch(2);
        assertThat(log.latestEpoch()).as("older epochs are ignored").isEqualTo(4);
        assertThat(log.appendAsLeader(simple(1, 0), 4).firstOffset()).isEqualTo(3);
        assertThat(log.epochEntries()).extracting(e -> e.epoch()).containsExactly(1, 4);
    }

    @Test
    void truncatingToTheLogEndDropsAnEpochThatWroteNothing() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(3, 0), 1);
        log.beginLeaderEpoch(4); // led epoch 4, wrote nothing, then became a follower

        assertThat(log.truncateTo(3)).as("no record removed").isFalse();
        assertThat(log.epochEntries()).extracting(e -> e.epoch()).containsExactly(1);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void truncateFullyAndStartAtEmptiesTheLogAtTheNewOffset() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(3, 0), 1);
        log.truncateFullyAndStartAt(100);

        assertThat(log.logStartOffset()).isEqualTo(100);
        assertThat(log.logEndOffset()).isEqualTo(100);
        assertThat(log.segmentBaseOffsets()).containsExactly(100L);
        assertThat(log.epochEntries()).isEmpty();
        assertThat(log.appendAsLeader(simple(1, 0), 2).firstOffset()).isEqualTo(100);
    }

    @Test
    void offsetForTimestampFindsTheFirstBatchReachingIt() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        open(smallSegments(batchBytes * 3));
        long[] timestamps = {100, 300, 200, 400, 500, 450, 600};
        for (long ts : timestamps) {
            log.appendAsLeader(batch().timestamp(ts).value("v").build(), 0);
        }
        assertThat(log.offsetForTimestamp(50)).contains(new TimestampAndOffset(100, 0));
        assertThat(log.offsetForTimestamp(250)).contains(new TimestampAndOffset(300, 1));
        assertThat(log.offsetForTimestamp(420)).contains(new TimestampAndOffset(500, 4));
        assertThat(log.offsetForTimestamp(600)).contains(new TimestampAndOffset(600, 6));
        assertThat(log.offsetForTimestamp(601)).isEmpty();
        assertThat(log.offsetOfMaxTimestamp()).contains(new TimestampAndOffset(600, 6));
    }

    @Test
    void followerAppendKeepsOffsetsAndFeedsTheEpochCache() throws IOException {
        open(LogConfig.defaults());
        log.appendAsFollower(batch().baseOffset(0).leaderEpoch(1).value("a").value("b").build());
        log.appendAsFollower(TestBatches.concat(batch().baseOffset(2).leaderEpoch(1).value("c").build(),
                batch().baseOffset(3).leaderEpoch(4).value("d").build()));

        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.epochEntries()).extracting(e -> e.epoch() + "@" + e.startOffset()).containsExactly("1@0", "4@3");
        assertThatThrownBy(() -> log.appendAsFollower(batch().baseOffset(7).leaderEpoch(4).value("x").build()))
                .isInstanceOfSatisfying(UnexpectedAppendOffsetException.class, e -> {
                    assertThat(e.expectedOffset()).isEqualTo(4);
                    assertThat(e.actualOffset()).isEqualTo(7);
                });
        ByteBuffer corrupt = batch().baseOffset(4).leaderEpoch(4).value("y").build();
        corrupt.put(corrupt.limit() - 1, (byte) 42);
        assertThatThrownBy(() -> log.appendAsFollower(corrupt)).isInstanceOf(CorruptRecordException.class);
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void cleanCloseAndReopenKeepsEverything() throws IOException {
        int batchBytes = simple(1, 0).remaining();
        LogConfig config = smallSegments(batchBytes * 2);
        open(config);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(batch().timestamp(1000 + i).producer(7, 0, i).value("v" + i).build(), 2);
        }
        log.deleteRecordsBefore(1);
        List<ByteBuffer> before = LogContents.batches(log);
        log.close();

        log = PartitionLog.open(tempDir.resolve("topic-0"), config, log.recoveryPoint(), 1, true,
                LogEnvironment.standalone(time));
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.logStartOffset()).isEqualTo(1);
        assertThat(LogContents.batches(log)).isEqualTo(before);
        assertThat(log.lastSequence(7)).hasValue(4);
        assertThat(log.latestEpoch()).isEqualTo(2);
        assertThat(log.offsetForTimestamp(1003)).contains(new TimestampAndOffset(1003, 3));
    }

    @Test
    void flushMovesTheRecoveryPointToTheLogEnd() throws IOException {
        open(LogConfig.defaults());
        log.appendAsLeader(simple(3, 0), 0);
        assertThat(log.recoveryPoint()).isZero();
        assertThat(log.unflushedRecords()).isEqualTo(3);
        log.flush();
        assertThat(log.recoveryPoint()).isEqualTo(3);
        assertThat(log.unflushedRecords()).isZero();
    }

    @Test
    void flushMessagesFlushesInlineAfterThatManyRecords() throws IOException {
        open(LogConfig.builder().flushMessages(4).build());
        log.appendAsLeader(simple(3, 0), 0);
        assertThat(log.recoveryPoint()).isZero();
        log.appendAsLeader(simple(1, 0), 0);
        assertThat(log.recoveryPoint()).isEqualTo(4);
    }
}
