package io.rafka.log;

import io.rafka.common.Checks;
import io.rafka.log.checkpoint.CheckpointFile;
import io.rafka.log.checkpoint.CorruptCheckpointException;
import io.rafka.log.storage.FileChannelOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of a broker across its {@code log.dirs}. Each directory holds a {@code .lock}
 * file (held while open), {@code recovery-point-offset-checkpoint} and
 * {@code log-start-offset-checkpoint} (written atomically), and {@code .kafka_cleanshutdown}
 * (present only between a clean shutdown and the next start, so its absence means "recover").
 *
 * <p>Background work on one scheduler thread: flush logs whose {@code flush.ms} elapsed (then
 * checkpoint recovery points), apply retention, and remove deleted segment files after
 * {@code file.delete.delay.ms}. Decisions read the injected {@link io.rafka.common.Time}.
 *
 * <p>Lifecycle: {@link #open} (lock, load, start tasks) then {@link #shutdown} (stop tasks, close
 * logs, write checkpoints and markers, unlock); not reusable after shutdown.
 *
 * <p>Thread-safety: thread-safe. Creating and deleting logs is serialised on this object;
 * lookups are lock-free. A log that goes offline stays listed and fails every call.
 */
public final class LogManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogManager.class);
    /** Threads that close logs in parallel at shutdown (fsyncs batch well; more threads gain little). */
    static final int CLOSE_THREADS = 8;

    static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    static final String LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
    static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    private static final String DELETE_DIR_SUFFIX = ".delete";

    private final List<Path> logDirs;
    private final LogConfig defaultConfig;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final LogEnvironment environment;
    private final Map<Path, LogDirLock> locks = new LinkedHashMap<>();
    private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Path> logDirOf = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Throwable> loadFailures = new ConcurrentHashMap<>();
    private volatile boolean shutDown;
    /**
     * Serialises checkpoint writes. Not this object's monitor: a log calls back into the manager
     * under its own lock, while shutdown and deleteLog hold the monitor and take log locks.
     */
    private final Object checkpointLock = new Object();
    /** Content of each checkpoint file as last written; guarded by {@code checkpointLock}. */
    private final Map<Path, List<String>> lastWrittenCheckpoints = new HashMap<>();

    /**
     * Background intervals (0 disables a task: tests then call {@link #flushDirtyLogs} and
     * {@link #applyRetention} themselves).
     */
    public record Settings(long flushCheckIntervalMs, long retentionCheckIntervalMs, FileChannelOpener opener) {
        public static Settings defaults() {
            return new Settings(1_000, 300_000, FileChannelOpener.DEFAULT);
        }

        public static Settings manual() {
            return new Settings(0, 0, FileChannelOpener.DEFAULT);
        }

        public Settings withOpener(FileChannelOpener newOpener) {
            return new Settings(flushCheckIntervalMs, retentionCheckIntervalMs, newOpener);
        }
    }

    private LogManager(List<Path> logDirs, LogConfig defaultConfig, io.rafka.common.Time time, Settings settings) {
        this.logDirs = List.copyOf(logDirs);
        this.defaultConfig = defaultConfig;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rafka-log-manager");
            thread.setDaemon(true);
            return thread;
        });
        this.environment = new LogEnvironment(time, settings.opener(), scheduler, new Listener());
    }

    /**
     * Locks every directory, loads (and if needed recovers) every partition in them, and starts the
     * background tasks. A partition that fails to load is left out and reported by
     * {@link #loadFailures()}; the others serve.
     *
     * @throws LogDirLockedException if a directory is in use by another process
     */
    public static LogManager open(List<Path> logDirs, LogConfig defaultConfig, io.rafka.common.Time time,
                                  Settings settings) throws IOException {
        Checks.check(!logDirs.isEmpty(), "at least one log dir is needed");
        LogManager manager = new LogManager(logDirs, defaultConfig, time, settings);
        try {
            for (Path dir : manager.logDirs) {
                Files.createDirectories(dir);
                manager.locks.put(dir, LogDirLock.acquire(dir));
            }
            for (Path dir : manager.logDirs) {
                manager.loadDir(dir);
            }
        } catch (IOException | RuntimeException e) {
            manager.releaseLocks();
            manager.scheduler.shutdownNow();
            throw e;
        }
        manager.startBackgroundTasks();
        return manager;
    }

    private void loadDir(Path dir) throws IOException {
        Path marker = dir.resolve(CLEAN_SHUTDOWN_MARKER);
        boolean cleanShutdown = Files.exists(marker);
        Map<TopicPartition, Long> recoveryPoints = readOffsets(dir.resolve(RECOVERY_POINT_CHECKPOINT));
        Map<TopicPartition, Long> logStartOffsets = readOffsets(dir.resolve(LOG_START_OFFSET_CHECKPOINT));
        List<Path> children;
        try (Stream<Path> listing = Files.list(dir)) {
            children = listing.filter(Files::isDirectory).sorted().toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.endsWith(DELETE_DIR_SUFFIX)) {
                deleteRecursively(child);
                continue;
            }
            Optional<TopicPartition> partition = TopicPartition.fromDirName(name);
            if (partition.isEmpty()) {
                continue; // not ours: e.g. metadata/ of the Ratis quorum
            }
            TopicPartition tp = partition.get();
            try {
                PartitionLog partitionLog = PartitionLog.open(child, defaultConfig,
                        recoveryPoints.getOrDefault(tp, 0L), logStartOffsets.getOrDefault(tp, 0L), cleanShutdown,
                        environment);
                logs.put(tp, partitionLog);
                logDirOf.put(tp, dir);
            } catch (IOException | LogException e) {
                log.error("could not load log {}; it stays offline until the problem is fixed", child, e);
                loadFailures.put(tp, e);
            }
        }
        // From now on a crash must trigger recovery: remove the marker, durably.
        if (cleanShutdown) {
            Files.delete(marker);
            CheckpointFile.fsyncDirectory(dir);
        }
        log.info("loaded {} log(s) from {} ({} shutdown)", logs.size(), dir, cleanShutdown ? "clean" : "unclean");
    }

    private void startBackgroundTasks() {
        if (settings.flushCheckIntervalMs() > 0) {
            scheduler.scheduleWithFixedDelay(guarded("flush", this::flushDirtyLogs), settings.flushCheckIntervalMs(),
                    settings.flushCheckIntervalMs(), TimeUnit.MILLISECONDS);
        }
        if (settings.retentionCheckIntervalMs() > 0) {
            scheduler.scheduleWithFixedDelay(guarded("retention", this::applyRetention),
                    settings.retentionCheckIntervalMs(), settings.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** A background task that logs its failure instead of silently cancelling its future runs. */
    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("background {} task failed; it will run again", name, e);
            }
        };
    }

    // ---------------------------------------------------------------- logs

    /**
     * The log of {@code topic-partition}, created in the log dir holding the fewest partitions if
     * it does not exist. An existing log takes {@code config}.
     */
    public synchronized PartitionLog getOrCreateLog(String topic, int partition, LogConfig config) throws IOException {
        checkRunning();
        TopicPartition tp = new TopicPartition(topic, partition);
        Throwable loadFailure = loadFailures.get(tp);
        if (loadFailure != null) {
            // Creating it afresh elsewhere would fork the partition's history: it stays offline.
            throw new LogOfflineException(Path.of(tp.dirName()), loadFailure);
        }
        PartitionLog existing = logs.get(tp);
        if (existing != null) {
            existing.updateConfig(config);
            return existing;
        }
        Path dir = leastLoadedDir();
        PartitionLog created = PartitionLog.open(dir.resolve(tp.dirName()), config, 0, 0, false, environment);
        logs.put(tp, created);
        logDirOf.put(tp, dir);
        // A checkpoint line left by an earlier log of this name (deleted, then a crash before the
        // checkpoint was rewritten) must not give the new log its start offset on the next load.
        // Only then is the whole file rewritten: creating n partitions must not cost n rewrites of n lines.
        if (checkpointMayMention(dir.resolve(LOG_START_OFFSET_CHECKPOINT), tp)) {
            checkpointLogStartOffsets(dir);
        }
        return created;
    }

    public Optional<PartitionLog> getLog(String topic, int partition) {
        return Optional.ofNullable(logs.get(new TopicPartition(topic, partition)));
    }

    public Map<TopicPartition, PartitionLog> allLogs() {
        return Map.copyOf(logs);
    }

    /** Logs that went offline after an I/O error. */
    public List<TopicPartition> offlineLogs() {
        List<TopicPartition> offline = new ArrayList<>();
        logs.forEach((tp, partitionLog) -> {
            if (partitionLog.isOffline()) {
                offline.add(tp);
            }
        });
        return offline;
    }

    /** Partitions whose directory could not be loaded at start, with why. */
    public Map<TopicPartition, Throwable> loadFailures() {
        return Map.copyOf(loadFailures);
    }

    /**
     * Removes a partition's log: renamed out of the way first (so a crash mid-delete does not
     * resurrect it), then deleted, then dropped from the checkpoints.
     */
    public synchronized boolean deleteLog(String topic, int partition) throws IOException {
        checkRunning();
        TopicPartition tp = new TopicPartition(topic, partition);
        PartitionLog removed = logs.remove(tp);
        if (removed == null) {
            return false;
        }
        Path dir = logDirOf.remove(tp);
        Path renamed = removed.dir().resolveSibling(tp.dirName() + "-" + System.nanoTime() + DELETE_DIR_SUFFIX);
        Files.move(removed.dir(), renamed);
        CheckpointFile.fsyncDirectory(dir);
        removed.delete();
        deleteRecursively(renamed);
        checkpointRecoveryPoints(dir);
        checkpointLogStartOffsets(dir);
        return true;
    }

    private Path leastLoadedDir() {
        if (logDirs.size() == 1) {
            return logDirs.get(0); // the common case, and O(1): creating n partitions stays O(n)
        }
        Map<Path, Integer> counts = new HashMap<>();
        logDirs.forEach(dir -> counts.put(dir, 0));
        logDirOf.values().forEach(dir -> counts.merge(dir, 1, Integer::sum));
        return logDirs.stream().min(Comparator.comparingInt(counts::get)).orElseThrow();
    }

    // ---------------------------------------------------------------- background work

    /** Flushes every log whose unflushed appends are older than its {@code flush.ms}, then checkpoints recovery points. */
    public void flushDirtyLogs() {
        long nowMs = environment.time().milliseconds();
        for (PartitionLog partitionLog : logs.values()) {
            if (partitionLog.isOffline()) {
                continue;
            }
            long sinceFlushMs = nowMs - partitionLog.lastFlushTimeMs();
            if (partitionLog.unflushedRecords() > 0 && sinceFlushMs >= partitionLog.config().flushMs()) {
                try {
                    partitionLog.flush();
                } catch (LogException e) {
                    log.warn("flush of {} failed: {}", partitionLog.dir(), e.getMessage());
                }
            }
        }
        checkpointAll();
    }

    /** Applies retention to every online log. */
    public void applyRetention() {
        for (PartitionLog partitionLog : logs.values()) {
            if (partitionLog.isOffline()) {
                continue;
            }
            try {
                partitionLog.deleteOldSegments();
            } catch (LogException e) {
                log.warn("retention of {} failed: {}", partitionLog.dir(), e.getMessage());
            }
        }
    }

    /** Writes both checkpoints of every directory. */
    public void checkpointAll() {
        for (Path dir : logDirs) {
            try {
                checkpointRecoveryPoints(dir);
                checkpointLogStartOffsets(dir);
            } catch (IOException e) {
                log.error("could not write checkpoints in {}; recovery after a crash will scan more", dir, e);
            }
        }
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Clean shutdown: stops background work, flushes and closes every log, writes both checkpoints
     * and then the clean-shutdown marker of each directory, releases the locks. A directory with an
     * offline log gets no marker, so its next start recovers.
     */
    public synchronized void shutdown() throws IOException {
        if (shutDown) {
            return;
        }
        shutDown = true;
        scheduler.shutdownNow();
        Map<Path, Boolean> dirClean = new HashMap<>();
        logDirs.forEach(dir -> dirClean.put(dir, true));
        closeAllLogs();
        for (Map.Entry<TopicPartition, PartitionLog> entry : logs.entrySet()) {
            if (entry.getValue().isOffline()) {
                dirClean.put(logDirOf.get(entry.getKey()), false);
            }
        }
        for (Path dir : logDirs) {
            checkpointRecoveryPoints(dir);
            checkpointLogStartOffsets(dir);
            if (dirClean.get(dir)) {
                CheckpointFile.writeAtomically(dir.resolve(CLEAN_SHUTDOWN_MARKER), new byte[0]);
            }
        }
        releaseLocks();
    }

    @Override
    public void close() throws IOException {
        shutdown();
    }

    /**
     * Closes (flushes and fsyncs) every log on up to {@link #CLOSE_THREADS} threads: one log at a time took
     * 1.4-2.8 s for 1,000 logs here, most of it waiting on fsyncs the file system can batch. Returns once
     * every log is closed, so the clean-shutdown marker written after it covers them all. A log that fails
     * to close is logged and goes offline (its directory gets no marker); an interrupt waits for the rest.
     */
    private void closeAllLogs() {
        List<PartitionLog> open = new ArrayList<>(logs.values());
        int threads = Math.min(CLOSE_THREADS, Math.max(1, open.size()));
        ExecutorService closers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "rafka-log-close");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (PartitionLog partitionLog : open) {
                closers.execute(() -> {
                    try {
                        partitionLog.close();
                    } catch (RuntimeException e) { // LogException, or a bug: either way the others still close
                        log.error("could not close {} cleanly", partitionLog.dir(), e);
                    }
                });
            }
        } finally {
            closers.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (closers.awaitTermination(1, TimeUnit.MINUTES)) {
                        break;
                    }
                    log.warn("still closing logs after a minute ({} logs)", open.size());
                } catch (InterruptedException e) {
                    interrupted = true; // the marker must not be written before every log is closed
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- checkpoints

    private void checkpointRecoveryPoints(Path dir) throws IOException {
        writeOffsets(dir, RECOVERY_POINT_CHECKPOINT, PartitionLog::recoveryPoint);
    }

    private void checkpointLogStartOffsets(Path dir) throws IOException {
        writeOffsets(dir, LOG_START_OFFSET_CHECKPOINT, PartitionLog::logStartOffset);
    }

    /** Offline logs are left out: their next start recovers from offset 0, which is always safe. */
    private void writeOffsets(Path dir, String fileName, ToLongFunction<PartitionLog> offsetOf) throws IOException {
        synchronized (checkpointLock) {
            writeOffsetsLocked(dir, fileName, offsetOf);
        }
    }

    private void writeOffsetsLocked(Path dir, String fileName, ToLongFunction<PartitionLog> offsetOf) throws IOException {
        List<String> lines = new ArrayList<>();
        logs.forEach((tp, partitionLog) -> {
            if (dir.equals(logDirOf.get(tp)) && !partitionLog.isOffline()) {
                try {
                    lines.add(tp.topic() + " " + tp.partition() + " " + offsetOf.applyAsLong(partitionLog));
                } catch (LogOfflineException e) {
                    // went offline (or closed) meanwhile: leave it out, like any offline log
                }
            }
        });
        lines.sort(null);
        Path file = dir.resolve(fileName);
        // The flush task checkpoints every second: skip the fsyncs when nothing moved.
        if (!lines.equals(lastWrittenCheckpoints.get(file))) {
            CheckpointFile.write(file, lines);
            lastWrittenCheckpoints.put(file, lines);
        }
    }

    /** Whether the checkpoint file as last written (or, if not written yet by this process, as it may be) names {@code tp}. */
    private boolean checkpointMayMention(Path file, TopicPartition tp) {
        synchronized (checkpointLock) {
            List<String> written = lastWrittenCheckpoints.get(file);
            if (written == null) {
                return true;
            }
            String prefix = tp.topic() + " " + tp.partition() + " ";
            return written.stream().anyMatch(line -> line.startsWith(prefix));
        }
    }

    private static Map<TopicPartition, Long> readOffsets(Path file) throws IOException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            for (String line : CheckpointFile.read(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length != 3) {
                    throw new CorruptCheckpointException(file, "entry '" + line + "'");
                }
                long partition = CheckpointFile.parseLong(file, fields[1]);
                if (partition < 0 || partition > Integer.MAX_VALUE) {
                    throw new CorruptCheckpointException(file, "entry '" + line + "'");
                }
                offsets.put(new TopicPartition(fields[0], (int) partition), CheckpointFile.parseLong(file, fields[2]));
            }
        } catch (CorruptCheckpointException | Checks.InvariantViolation e) {
            // Falling back to 0 is safe: it only means a longer recovery scan (and a start offset at the first segment).
            log.warn("ignoring unreadable checkpoint {}: {}", file, e.getMessage());
            offsets.clear();
        }
        return offsets;
    }

    // ---------------------------------------------------------------- internals

    private void checkRunning() {
        Checks.check(!shutDown, "LogManager used after shutdown");
    }

    private void releaseLocks() {
        for (Map.Entry<Path, LogDirLock> entry : locks.entrySet()) {
            try {
                entry.getValue().close();
            } catch (IOException e) {
                log.warn("could not release the lock of {}", entry.getKey(), e);
            }
        }
        locks.clear();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Checkpoints a log's start offset as soon as it moves, so DeleteRecords survives a crash. */
    private final class Listener implements LogListener {
        @Override
        public void onLogStartOffsetChanged(PartitionLog partitionLog) {
            TopicPartition tp = TopicPartition.fromDirName(partitionLog.dir().getFileName().toString()).orElseThrow();
            Path dir = logDirOf.get(tp);
            if (dir == null) {
                return; // still being created or loaded: the next checkpoint covers it
            }
            try {
                checkpointLogStartOffsets(dir);
            } catch (IOException e) {
                log.error("could not checkpoint the log start offset of {}", partitionLog.dir(), e);
            }
        }

        @Override
        public void onOffline(PartitionLog partitionLog, IOException cause) {
            log.error("log {} is offline; other logs keep serving", partitionLog.dir());
        }
    }

    Collection<Path> logDirs() {
        return logDirs;
    }
}
