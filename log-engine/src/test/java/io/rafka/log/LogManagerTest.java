package io.rafka.log;

import static io.rafka.log.testkit.TestBatches.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rafka.common.MockTime;
import io.rafka.log.checkpoint.CheckpointFile;
import io.rafka.log.testkit.FaultyChannels;
import io.rafka.log.testkit.LogContents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {

    @TempDir
    Path tempDir;

    private final MockTime time = new MockTime();
    private LogManager manager;

    @AfterEach
    void shutdown() throws IOException {
        if (manager != null) {
            manager.shutdown();
        }
    }

    private LogManager open(List<Path> dirs, LogManager.Settings settings) throws IOException {
        manager = LogManager.open(dirs, LogConfig.defaults(), time, settings);
        return manager;
    }

    @Test
    void secondManagerOnTheSameDirectoryFailsNamingIt() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        assertThatThrownBy(() -> LogManager.open(List.of(dir), LogConfig.defaults(), time, LogManager.Settings.manual()))
                .isInstanceOf(LogDirLockedException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void secondProcessOnTheSameDirectoryFailsNamingIt() throws Exception {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), io.rafka.log.testkit.LockProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).as(output).isEqualTo(3);
        assertThat(output).contains(dir.toString()).contains("locked by another process");
    }

    @Test
    void newLogsGoToTheDirectoryWithTheFewestPartitions() throws IOException {
        Path a = tempDir.resolve("a");
        Path b = tempDir.resolve("b");
        open(List.of(a, b), LogManager.Settings.manual());
        manager.getOrCreateLog("t", 0, LogConfig.defaults());
        manager.getOrCreateLog("t", 1, LogConfig.defaults());
        manager.getOrCreateLog("t", 2, LogConfig.defaults());

        assertThat(Files.exists(a.resolve("t-0"))).isTrue();
        assertThat(Files.exists(b.resolve("t-1"))).isTrue();
        assertThat(Files.exists(a.resolve("t-2"))).isTrue();
        assertThat(manager.getOrCreateLog("t", 0, LogConfig.defaults()))
                .isSameAs(manager.getLog("t", 0).orElseThrow());
        assertThat(manager.allLogs()).hasSize(3);
    }

    @Test
    void cleanShutdownWritesCheckpointsAndTheMarkerWhichTheNextStartRemoves() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        PartitionLog log = manager.getOrCreateLog("orders", 3, LogConfig.defaults());
        log.appendAsLeader(simple(5, 0), 1);
        log.deleteRecordsBefore(2);
        manager.shutdown();
        manager = null;

        assertThat(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_MARKER))).isTrue();
        assertThat(CheckpointFile.read(dir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT))).containsExactly("orders 3 5");
        assertThat(CheckpointFile.read(dir.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT))).containsExactly("orders 3 2");

        open(List.of(dir), LogManager.Settings.manual());
        assertThat(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_MARKER))).isFalse();
        PartitionLog reloaded = manager.getLog("orders", 3).orElseThrow();
        assertThat(reloaded.logEndOffset()).isEqualTo(5);
        assertThat(reloaded.logStartOffset()).isEqualTo(2);
    }

    @Test
    void deleteRecordsIsCheckpointedAtOnce() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        PartitionLog log = manager.getOrCreateLog("t", 0, LogConfig.defaults());
        log.appendAsLeader(simple(5, 0), 1);
        log.deleteRecordsBefore(4);
        assertThat(CheckpointFile.read(dir.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT))).containsExactly("t 0 4");
    }

    @Test
    void backgroundFlushHonoursFlushMsOnTheInjectedClock() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), new LogManager.Settings(10, 0, io.rafka.log.storage.FileChannelOpener.DEFAULT));
        PartitionLog log = manager.getOrCreateLog("t", 0, LogConfig.builder().flushMs(5_000).build());
        log.appendAsLeader(simple(3, 0), 0);
        assertThat(log.recoveryPoint()).isZero();

        time.advanceMs(5_000);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(log.recoveryPoint()).isEqualTo(3);
            assertThat(CheckpointFile.read(dir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT))).containsExactly("t 0 3");
        });
    }

    @Test
    void backgroundRetentionDeletesExpiredSegments() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), new LogManager.Settings(0, 10, io.rafka.log.storage.FileChannelOpener.DEFAULT));
        int batchBytes = simple(1, 0).remaining();
        PartitionLog log = manager.getOrCreateLog("t", 0, LogConfig.builder().segmentBytes(batchBytes * 2)
                .retentionMs(1_000).fileDeleteDelayMs(0).build());
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(simple(1, time.milliseconds()), 0);
        }
        time.advanceMs(2_000);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.segmentBaseOffsets()).containsExactly(4L));
        assertThat(log.logStartOffset()).isEqualTo(4);
    }

    @Test
    void rolledSegmentIsFlushedInTheBackgroundThenTheRecoveryPointMoves() throws IOException {
        open(List.of(tempDir.resolve("data")), LogManager.Settings.manual());
        PartitionLog log = manager.getOrCreateLog("t", 0, LogConfig.defaults());
        log.appendAsLeader(simple(3, 0), 0);
        log.roll();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.recoveryPoint()).isEqualTo(3));
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 3L);
    }

    @Test
    void deletedSegmentsStayReadableUntilTheDeleteDelayPasses() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        int batchBytes = simple(1, 0).remaining();
        PartitionLog log = manager.getOrCreateLog("t", 0, LogConfig.builder().segmentBytes(batchBytes * 2)
                .fileDeleteDelayMs(200).build());
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(simple(1, 0), 0);
        }
        FileSlice inFlight = log.read(0, 1 << 20, Long.MAX_VALUE, true).records();
        log.deleteRecordsBefore(4);

        assertThat(Files.exists(log.dir().resolve("00000000000000000000.log.deleted"))).isTrue();
        assertThat(inFlight.toHeapBuffer().remaining()).isEqualTo(batchBytes * 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(log.dir().resolve("00000000000000000000.log.deleted")));
    }

    @Test
    void anIoErrorTakesOnlyThatLogOfflineAndKeepsAcknowledgedData() throws IOException {
        Path dir = tempDir.resolve("data");
        FaultyChannels faults = new FaultyChannels(path -> path.toString().contains("bad-0"));
        open(List.of(dir), LogManager.Settings.manual().withOpener(faults));
        PartitionLog bad = manager.getOrCreateLog("bad", 0, LogConfig.defaults());
        PartitionLog good = manager.getOrCreateLog("good", 0, LogConfig.defaults());
        bad.appendAsLeader(simple(3, 0), 0);
        bad.flush();

        faults.failWrites();

        assertThatThrownBy(() -> bad.appendAsLeader(simple(1, 0), 0))
                .isInstanceOf(LogOfflineException.class)
                .hasMessageContaining("bad-0").hasMessageContaining("No space left");
        assertThatThrownBy(() -> bad.read(0, 100, Long.MAX_VALUE, true)).isInstanceOf(LogOfflineException.class);
        assertThatThrownBy(bad::logEndOffset).isInstanceOf(LogOfflineException.class);
        assertThat(manager.offlineLogs()).containsExactly(new TopicPartition("bad", 0));
        good.appendAsLeader(simple(2, 0), 0);
        assertThat(good.logEndOffset()).isEqualTo(2);
        manager.shutdown();
        manager = null;
        assertThat(Files.exists(dir.resolve(LogManager.CLEAN_SHUTDOWN_MARKER)))
                .as("a directory with an offline log must recover on the next start").isFalse();

        open(List.of(dir), LogManager.Settings.manual());
        PartitionLog recovered = manager.getLog("bad", 0).orElseThrow();
        assertThat(LogContents.baseOffsets(recovered)).containsExactly(0L);
        assertThat(recovered.logEndOffset()).isEqualTo(3);
        assertThat(manager.getLog("good", 0).orElseThrow().logEndOffset()).isEqualTo(2);
    }

    @Test
    void deleteLogRemovesTheDirectoryAndItsCheckpointEntries() throws IOException {
        Path dir = tempDir.resolve("data");
        open(List.of(dir), LogManager.Settings.manual());
        manager.getOrCreateLog("t", 0, LogConfig.defaults()).appendAsLeader(simple(1, 0), 0);
        manager.getOrCreateLog("t", 1, LogConfig.defaults());

        assertThat(manager.deleteLog("t", 0)).isTrue();

        assertThat(Files.exists(dir.resolve("t-0"))).isFalse();
        assertThat(manager.getLog("t", 0)).isEmpty();
        assertThat(CheckpointFile.read(dir.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT))).containsExactly("t 1 0");
        assertThat(manager.deleteLog("t", 0)).isFalse();
    }
}
