package io.rafka.log.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.MockTime;
import io.rafka.log.LogConfig;
import io.rafka.log.LogEnvironment;
import io.rafka.log.PartitionLog;
import io.rafka.log.record.RecordBatch;
import io.rafka.log.storage.LogSegment;
import io.rafka.log.testkit.DirCopy;
import io.rafka.log.testkit.LogContents;
import io.rafka.log.testkit.Seeds;
import io.rafka.log.testkit.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of append / roll / truncate / delete-before / truncate-fully / flush /
 * close+reopen / crash+recover against {@link LogModel}, checked after every step. A crash copies
 * the directory as the OS would leave it, then drops a random part of every byte written after
 * the recovery point (torn tails included): recovery must keep every flushed batch and exactly
 * a batch-aligned prefix of the rest.
 */
class LogPropertyTest {

    private static final int RUNS = 40;
    private static final int STEPS_PER_RUN = 150;
    private static final long PRODUCER_ID = 1;

    @TempDir
    Path tempDir;

    @Test
    void logBehavesLikeItsModelThroughCrashesAndRestarts() throws IOException {
        long seed = Seeds.seed();
        System.out.println("LogPropertyTest " + Seeds.reproduce("LogPropertyTest", seed));
        Random seeds = new Random(seed);
        for (int run = 0; run < RUNS; run++) {
            long runSeed = seeds.nextLong();
            Run state = new Run(runSeed, tempDir.resolve("run-" + run));
            try {
                state.execute();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("run " + run + " failed at step " + state.step + " (" + state.lastOp
                        + "); last steps: " + state.history.subList(Math.max(0, state.history.size() - 20), state.history.size())
                        + "; whole test: " + Seeds.reproduce("LogPropertyTest", seed), e);
            } finally {
                state.closeQuietly();
            }
        }
    }

    private static final class Run {
        private final Random random;
        private final Path runDir;
        private final MockTime time = new MockTime();
        private final LogModel model = new LogModel();
        private final LogConfig config;
        private final List<String> history = new ArrayList<>();
        private PartitionLog log;
        private int generation;
        private int leaderEpoch;
        int step;
        String lastOp = "open";

        Run(long runSeed, Path runDir) throws IOException {
            this.random = new Random(runSeed);
            this.runDir = runDir;
            this.config = LogConfig.builder()
                    .segmentBytes(700 + random.nextInt(3000))
                    .indexIntervalBytes(random.nextInt(400))
                    .segmentIndexBytes(64 + random.nextInt(512))
                    .build();
            this.log = PartitionLog.open(currentDir(), config, LogEnvironment.standalone(time));
        }

        private Path currentDir() {
            return runDir.resolve("gen" + generation + "-0");
        }

        void execute() throws IOException {
            for (step = 0; step < STEPS_PER_RUN; step++) {
                int dice = random.nextInt(100);
                if (dice < 50) {
                    append();
                } else if (dice < 56) {
                    op("roll", () -> log.roll());
                } else if (dice < 64) {
                    truncate();
                } else if (dice < 70) {
                    deleteBefore();
                } else if (dice < 72) {
                    truncateFully();
                } else if (dice < 80) {
                    op("flush", () -> log.flush());
                } else if (dice < 88) {
                    reopenCleanly();
                } else {
                    crash();
                }
                checkAgainstModel();
            }
        }

        private void append() {
            if (random.nextInt(10) == 0) {
                leaderEpoch++;
            }
            time.advanceMs(random.nextInt(50));
            boolean idempotent = random.nextBoolean();
            TestBatches builder = TestBatches.batch().timestamp(time.milliseconds());
            int records = 1 + random.nextInt(4);
            if (idempotent) {
                OptionalInt last = model.lastSequence(PRODUCER_ID);
                builder.producer(PRODUCER_ID, 0, last.isPresent() ? RecordBatch.incrementSequence(last.getAsInt(), 1) : 0);
            }
            ByteBuffer batch = builder.values(records, 1 + random.nextInt(100), random.nextLong()).build();
            lastOp = "append " + records + " records (epoch " + leaderEpoch + (idempotent ? ", idempotent)" : ")");
            history.add(lastOp);
            long firstOffset = log.appendAsLeader(batch, leaderEpoch).firstOffset();
            assertThat(firstOffset).isEqualTo(model.logEndOffset());
            model.assignEpoch(leaderEpoch, firstOffset);
            model.append(batch); // rewritten in place by the append: now equal to the stored bytes
        }

        private void truncate() {
            long target = randomBetween(model.logStartOffset, model.logEndOffset());
            op("truncateTo " + target, () -> log.truncateTo(target));
            model.truncateTo(target);
        }

        private void deleteBefore() {
            long offset = randomBetween(model.logStartOffset, model.logEndOffset());
            op("deleteRecordsBefore " + offset, () -> log.deleteRecordsBefore(offset));
            model.deleteRecordsBefore(offset);
        }

        private void truncateFully() {
            long offset = randomBetween(0, model.logEndOffset() + 20);
            op("truncateFullyAndStartAt " + offset, () -> log.truncateFullyAndStartAt(offset));
            model.truncateFullyAndStartAt(offset);
        }

        private void reopenCleanly() throws IOException {
            lastOp = "close and reopen";
            history.add(lastOp);
            log.close();
            log = PartitionLog.open(currentDir(), config, log.recoveryPoint(), model.logStartOffset, true,
                    LogEnvironment.standalone(time));
            // As in Kafka, loading drops an epoch that starts at the log end (it has no data yet).
            model.truncateEpochsFromEnd(model.logEndOffset());
        }

        /**
         * Copies the directory as a crash would leave it, drops a random share of every .log file's
         * bytes beyond the recovery point, and recovers the copy (with the real recovery point or,
         * like a lost checkpoint, with 0).
         */
        private void crash() throws IOException {
            long recoveryPoint = log.recoveryPoint();
            long endBefore = log.logEndOffset();
            Path crashedDir = runDir.resolve("gen" + (generation + 1) + "-0");
            DirCopy.copy(currentDir(), crashedDir);
            log.close();
            generation++;
            List<Path> logFiles;
            try (Stream<Path> files = Files.list(crashedDir)) {
                logFiles = files.filter(p -> p.toString().endsWith(LogSegment.LOG_SUFFIX)).sorted().toList();
            }
            // What a correct recovery must keep: complete batches up to the first byte the crash lost.
            Long survivingEnd = null;
            boolean chainBroken = false;
            for (Path file : logFiles) {
                long base = Long.parseLong(file.getFileName().toString().substring(0, 20));
                long end = dropUnflushedBytes(file, recoveryPoint, base);
                if (!chainBroken && (survivingEnd == null || survivingEnd == base)) {
                    survivingEnd = Math.abs(end);
                    chainBroken = end < 0;
                } else {
                    chainBroken = true;
                }
            }
            long checkpointedRecoveryPoint = random.nextBoolean() ? recoveryPoint : 0;
            lastOp = "crash (recovery point " + recoveryPoint + ", end " + endBefore + ")";
            history.add(lastOp);
            log = PartitionLog.open(crashedDir, config, checkpointedRecoveryPoint, model.logStartOffset, false,
                    LogEnvironment.standalone(time));
            long recoveredEnd = log.logEndOffset();
            assertThat(recoveredEnd).as("flushed data survives a crash").isGreaterThanOrEqualTo(
                    Math.min(recoveryPoint, endBefore));
            assertThat(recoveredEnd).isLessThanOrEqualTo(Math.max(endBefore, model.logStartOffset));
            model.crashRecoveredTo(survivingEnd == null ? model.logStartOffset : survivingEnd);
            history.add("recovered to " + recoveredEnd);
        }

        /**
         * Cuts {@code file} at a random length no shorter than its batches below {@code recoveryPoint}.
         *
         * @return the next offset after the complete batches kept, negated if any batch was lost
         *     (zero-safe: offsets here are never 0 when negated because a lost batch implies a later base)
         */
        private long dropUnflushedBytes(Path file, long recoveryPoint, long baseOffset) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            int durableBytes = 0;
            while (durableBytes + RecordBatch.HEADER_SIZE_BYTES <= bytes.limit()) {
                RecordBatch batch = RecordBatch.at(bytes, durableBytes);
                if (batch.nextOffset() > recoveryPoint || durableBytes + batch.sizeBytes() > bytes.limit()) {
                    break;
                }
                durableBytes += batch.sizeBytes();
            }
            int keptBytes = durableBytes + random.nextInt(bytes.limit() - durableBytes + 1);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(keptBytes);
            }
            long nextOffset = baseOffset;
            int position = 0;
            while (position + RecordBatch.HEADER_SIZE_BYTES <= keptBytes
                    && position + RecordBatch.at(bytes, position).sizeBytes() <= keptBytes) {
                nextOffset = RecordBatch.at(bytes, position).nextOffset();
                position += RecordBatch.at(bytes, position).sizeBytes();
            }
            return keptBytes < bytes.limit() ? -nextOffset : nextOffset;
        }

        private void checkAgainstModel() {
            assertThat(log.logEndOffset()).as("log end offset").isEqualTo(model.logEndOffset());
            assertThat(log.logStartOffset()).as("log start offset").isEqualTo(model.logStartOffset);
            assertThat(log.recoveryPoint()).as("recovery point").isLessThanOrEqualTo(log.logEndOffset());
            assertThat(LogContents.batches(log)).as("contents").isEqualTo(model.visibleBatches());
            assertThat(log.epochEntries()).as("leader epochs").isEqualTo(model.epochs);
            OptionalInt expectedSequence = model.lastSequence(PRODUCER_ID);
            if (expectedSequence.isPresent()) {
                assertThat(log.lastSequence(PRODUCER_ID)).as("producer sequence").isEqualTo(expectedSequence);
            }
        }

        private void op(String name, Runnable action) {
            lastOp = name;
            history.add(name);
            action.run();
        }

        private long randomBetween(long fromInclusive, long toInclusive) {
            return toInclusive <= fromInclusive ? fromInclusive : fromInclusive + random.nextLong(toInclusive - fromInclusive + 1);
        }

        void closeQuietly() {
            try {
                log.close();
            } catch (RuntimeException e) {
                // the failure being reported matters more
            }
        }
    }
}
