package io.rafka.log.producer;

import static io.rafka.log.testkit.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.common.MockTime;
import io.rafka.log.InvalidProducerEpochException;
import io.rafka.log.LogAppendResult;
import io.rafka.log.LogConfig;
import io.rafka.log.LogEnvironment;
import io.rafka.log.OutOfOrderSequenceException;
import io.rafka.log.PartitionLog;
import io.rafka.log.testkit.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerStateTest {

    @TempDir
    Path tempDir;

    private final MockTime time = new MockTime();
    private PartitionLog log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    private PartitionLog open(LogConfig config, boolean clean) throws IOException {
        log = PartitionLog.open(tempDir.resolve("t-0"), config, 0, 0, clean, LogEnvironment.standalone(time));
        return log;
    }

    private static ByteBuffer idempotent(long producerId, int epoch, int firstSequence, int records) {
        TestBatches builder = batch().producer(producerId, epoch, firstSequence);
        for (int i = 0; i < records; i++) {
            builder.value("r" + (firstSequence + i));
        }
        return builder.build();
    }

    @Test
    void retryOfOneOfTheLastFiveBatchesReturnsTheOriginalOffsetsAndWritesNothing() throws IOException {
        open(LogConfig.defaults(), false);
        for (int i = 0; i < 6; i++) {
            log.appendAsLeader(idempotent(1, 0, i * 2, 2), 0); // offsets 2i..2i+1
        }
        long sizeBefore = log.sizeBytes();

        LogAppendResult retry = log.appendAsLeader(idempotent(1, 0, 4, 2), 0);

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(4);
        assertThat(retry.lastOffset()).isEqualTo(5);
        assertThat(log.sizeBytes()).isEqualTo(sizeBefore);
        assertThat(log.logEndOffset()).isEqualTo(12);
        // The first batch fell out of the last five: its retry is a sequence error, not a duplicate.
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(1, 0, 0, 2), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void sequenceGapIsRejected() throws IOException {
        open(LogConfig.defaults(), false);
        log.appendAsLeader(idempotent(1, 0, 0, 3), 0);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(1, 0, 4, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class)
                .hasMessageContaining("sequence 4 after 2");
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void staleProducerEpochIsFenced() throws IOException {
        open(LogConfig.defaults(), false);
        log.appendAsLeader(idempotent(1, 3, 0, 1), 0);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(1, 2, 1, 1), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
    }

    @Test
    void newEpochMustStartAtSequenceZero() throws IOException {
        open(LogConfig.defaults(), false);
        log.appendAsLeader(idempotent(1, 0, 0, 1), 0);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(1, 1, 5, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        log.appendAsLeader(idempotent(1, 1, 0, 1), 0);
        assertThat(log.producerState(1)).hasValueSatisfying(e -> assertThat(e.epoch()).isEqualTo((short) 1));
    }

    @Test
    void sequencesWrapAroundAtIntegerMax() throws IOException {
        open(LogConfig.defaults(), false);
        log.appendAsLeader(idempotent(1, 0, Integer.MAX_VALUE - 1, 2), 0);
        assertThat(log.lastSequence(1)).hasValue(Integer.MAX_VALUE);
        log.appendAsLeader(idempotent(1, 0, 0, 1), 0);
        assertThat(log.lastSequence(1)).hasValue(0);
    }

    @Test
    void batchesOfOneAppendAreCheckedAgainstEachOther() throws IOException {
        open(LogConfig.defaults(), false);
        assertThatThrownBy(() -> log.appendAsLeader(
                TestBatches.concat(idempotent(1, 0, 0, 2), idempotent(1, 0, 3, 1)), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        log.appendAsLeader(TestBatches.concat(idempotent(1, 0, 0, 2), idempotent(1, 0, 2, 1)), 0);
        assertThat(log.lastSequence(1)).hasValue(2);
    }

    @Test
    void stateSurvivesACrashThroughSnapshotAndReplay() throws IOException {
        int batchBytes = idempotent(1, 0, 0, 1).remaining();
        LogConfig config = LogConfig.builder().segmentBytes(batchBytes * 2).build();
        open(config, false);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(idempotent(1, 0, i, 1), 0);
            log.appendAsLeader(idempotent(2, 0, i, 1), 0);
        }
        log.flush();
        // Reopen without the clean close: the snapshot at the last roll plus a replay rebuilds the state.
        copyDir(log.dir(), tempDir.resolve("t-0-copy")); // the files as a crash would leave them
        log.close();
        log = PartitionLog.open(tempDir.resolve("t-0-copy"), config, LogEnvironment.standalone(time));

        assertThat(log.lastSequence(1)).hasValue(4);
        assertThat(log.lastSequence(2)).hasValue(4);
        LogAppendResult retry = log.appendAsLeader(idempotent(2, 0, 3, 1), 0);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(7);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(1, 0, 6, 1), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void truncationRewindsTheProducerState() throws IOException {
        open(LogConfig.builder().segmentBytes(idempotent(1, 0, 0, 1).remaining() * 2).build(), false);
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(idempotent(1, 0, i, 1), 0);
        }
        log.truncateTo(3);
        assertThat(log.lastSequence(1)).hasValue(2);
        log.appendAsLeader(idempotent(1, 0, 3, 1), 0);
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void snapshotFileDetectsCorruption() throws IOException {
        Path file = tempDir.resolve("00000000000000000007.snapshot");
        List<ProducerEntry> entries = List.of(new ProducerEntry(9, (short) 1,
                List.of(new BatchMetadata(0, 4, 10, 14, 1000))));
        ProducerSnapshotFile.write(file, entries);
        assertThat(ProducerSnapshotFile.read(file)).isEqualTo(entries);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ProducerSnapshotFile.read(file)).isInstanceOf(IOException.class);
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
