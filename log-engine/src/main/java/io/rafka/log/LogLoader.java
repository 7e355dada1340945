package io.rafka.log;

import io.rafka.log.checkpoint.CorruptCheckpointException;
import io.rafka.log.epoch.LeaderEpochCache;
import io.rafka.log.producer.ProducerSnapshotFile;
import io.rafka.log.producer.ProducerStateManager;
import io.rafka.log.storage.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory and brings it to a state that can be served: removes leftovers of
 * interrupted deletions, opens every segment, re-validates every segment after the recovery point
 * (or any segment whose files look wrong) batch by batch and cuts the first invalid batch and
 * everything after it, then restores the log start offset, the leader-epoch cache and the
 * producer state.
 *
 * <p>Not thread-safe; used once per log, before the log is published.
 */
final class LogLoader {

    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);

    private LogLoader() {}

    /** Everything a {@link PartitionLog} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, LeaderEpochCache epochCache,
                  ProducerStateManager producerState, long logStartOffset, long recoveryPoint) {}

    static Loaded load(Path dir, LogConfig config, long checkpointedRecoveryPoint, long checkpointedLogStartOffset,
                       boolean hadCleanShutdown, LogEnvironment environment) throws IOException {
        Files.createDirectories(dir);
        TreeSet<Long> baseOffsets = cleanDirectoryAndListSegments(dir);
        long nowMs = environment.time().milliseconds();
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        try {
            for (long baseOffset : baseOffsets) {
                boolean active = baseOffset == baseOffsets.last();
                segments.put(baseOffset, LogSegment.open(dir, baseOffset, config.indexIntervalBytes(),
                        config.segmentIndexBytes(), active, environment.opener(), nowMs));
            }
            recoverSegments(segments, checkpointedRecoveryPoint, hadCleanShutdown);
            long logStartOffset = Math.max(0, checkpointedLogStartOffset);
            if (segments.isEmpty() || logStartOffset > segments.lastEntry().getValue().nextOffset()) {
                // Nothing to keep, or DeleteRecords moved the start past everything that survived.
                deleteAll(segments);
                // Producer state from before the new start describes batches that are gone.
                for (long snapshotOffset : listSnapshotOffsets(dir)) {
                    Files.deleteIfExists(ProducerSnapshotFile.path(dir, snapshotOffset));
                }
                segments.put(logStartOffset, LogSegment.create(dir, logStartOffset, config.indexIntervalBytes(),
                        config.segmentIndexBytes(), environment.opener(), nowMs));
            }
            logStartOffset = Math.max(logStartOffset, segments.firstKey());
            long logEndOffset = segments.lastEntry().getValue().nextOffset();
            LeaderEpochCache epochCache = loadEpochCache(dir, segments, logStartOffset, logEndOffset);
            ProducerStateManager producerState = new ProducerStateManager();
            rebuildProducerState(dir, segments, producerState, logStartOffset, logEndOffset);
            // Everything that survived is made durable now, so the recovery point is the end.
            for (LogSegment segment : segments.tailMap(floorKeyOrFirst(segments, checkpointedRecoveryPoint)).values()) {
                // An empty segment holds nothing to make durable (a crash just recreates it): creating a
                // thousand partitions must not cost a thousand fsyncs.
                if (!segment.isEmpty()) {
                    segment.flush();
                }
            }
            return new Loaded(segments, epochCache, producerState, logStartOffset, logEndOffset);
        } catch (IOException | RuntimeException e) {
            segments.values().forEach(LogSegment::closeQuietly);
            throw e;
        }
    }

    /** Deletes files left by interrupted deletions and writes; returns the base offsets of the .log files. */
    private static TreeSet<Long> cleanDirectoryAndListSegments(Path dir) throws IOException {
        TreeSet<Long> baseOffsets = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(".tmp")) {
                Files.deleteIfExists(file);
            } else if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                parseBaseOffset(name, LogSegment.LOG_SUFFIX).ifPresent(baseOffsets::add);
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
                Optional<Long> base = name.endsWith(suffix) ? parseBaseOffset(name, suffix) : Optional.empty();
                if (base.isPresent() && !baseOffsets.contains(base.get())) {
                    log.info("deleting orphan index {}", file);
                    Files.deleteIfExists(file);
                }
            }
        }
        return baseOffsets;
    }

    static Optional<Long> parseBaseOffset(String fileName, String suffix) {
        String digits = fileName.substring(0, fileName.length() - suffix.length());
        if (digits.length() != 20 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }

    /**
     * Walks the segments in order. Segments from the one holding the recovery point onwards (all of
     * them after an unclean shutdown) and any segment whose files failed their load checks are
     * re-validated; the first cut, or a segment that does not start where the previous one ended,
     * ends the log there.
     */
    private static void recoverSegments(NavigableMap<Long, LogSegment> segments, long recoveryPoint,
                                        boolean hadCleanShutdown) throws IOException {
        if (segments.isEmpty()) {
            return;
        }
        long firstUnflushedBase = floorKeyOrFirst(segments, recoveryPoint);
        Long expectedBase = null;
        for (LogSegment segment : new ArrayList<>(segments.values())) {
            if (expectedBase != null && segment.baseOffset() != expectedBase) {
                log.warn("segment {} does not start at the previous segment's end {}; dropping it and the rest",
                        segment.logFile(), expectedBase);
                deleteFrom(segments, segment.baseOffset());
                break;
            }
            boolean unflushed = !hadCleanShutdown && segment.baseOffset() >= firstUnflushedBase;
            int cutBytes = 0;
            if (unflushed || segment.loadProblem().isPresent()) {
                segment.loadProblem().ifPresent(problem -> log.warn("rebuilding segment: {}", problem));
                cutBytes = segment.recover();
                if (segment != segments.lastEntry().getValue()) {
                    segment.onBecomeInactive();
                }
            }
            if (cutBytes > 0 || (segment.isEmpty() && segment != segments.lastEntry().getValue())) {
                deleteFrom(segments, segment.baseOffset() + 1);
                break;
            }
            expectedBase = segment.nextOffset();
        }
        segments.lastEntry().getValue().onBecomeActive();
    }

    private static long floorKeyOrFirst(NavigableMap<Long, LogSegment> segments, long offset) {
        Long floor = segments.floorKey(offset);
        return floor != null ? floor : segments.firstKey();
    }

    private static void deleteFrom(NavigableMap<Long, LogSegment> segments, long fromBaseOffset) throws IOException {
        Map<Long, LogSegment> doomed = segments.tailMap(fromBaseOffset, true);
        for (LogSegment segment : List.copyOf(doomed.values())) {
            log.warn("deleting segment {} that follows invalid data", segment.logFile());
            segment.deleteFiles();
        }
        doomed.clear();
    }

    private static void deleteAll(NavigableMap<Long, LogSegment> segments) throws IOException {
        for (LogSegment segment : segments.values()) {
            segment.deleteFiles();
        }
        segments.clear();
    }

    /** The checkpoint if it is readable; rebuilt from batch headers if it is corrupt or missing for a non-empty log. */
    private static LeaderEpochCache loadEpochCache(Path dir, NavigableMap<Long, LogSegment> segments,
                                                   long logStartOffset, long logEndOffset) throws IOException {
        LeaderEpochCache cache;
        boolean fileExists = Files.exists(dir.resolve(LeaderEpochCache.FILE_NAME));
        try {
            cache = LeaderEpochCache.load(dir);
        } catch (CorruptCheckpointException e) {
            log.warn("{}; rebuilding the leader-epoch cache from batch headers", e.getMessage());
            cache = null;
        }
        if (cache == null || (!fileExists && logEndOffset > logStartOffset)) {
            LeaderEpochCache rebuilt = LeaderEpochCache.empty(dir);
            for (LogSegment segment : segments.values()) {
                segment.forEachBatchHeader(logStartOffset,
                        header -> rebuilt.maybeAssign(header.partitionLeaderEpoch(), header.baseOffset()));
            }
            cache = rebuilt;
        }
        cache.truncateFromEnd(logEndOffset);
        cache.truncateFromStart(logStartOffset);
        return cache;
    }

    /**
     * Loads the newest readable snapshot at or below the log end (dropping newer or corrupt ones),
     * then replays the batch headers after it. Without a snapshot the whole log is replayed.
     */
    static void rebuildProducerState(Path dir, NavigableMap<Long, LogSegment> segments,
                                     ProducerStateManager producerState, long logStartOffset, long logEndOffset)
            throws IOException {
        producerState.clear();
        // Batches below the log start that are still on disk are part of the producers' history too.
        long replayFrom = segments.firstKey();
        for (long snapshotOffset : listSnapshotOffsets(dir).descendingSet()) {
            Path file = ProducerSnapshotFile.path(dir, snapshotOffset);
            if (snapshotOffset > logEndOffset) {
                Files.deleteIfExists(file);
                continue;
            }
            try {
                producerState.load(ProducerSnapshotFile.read(file));
                replayFrom = Math.max(snapshotOffset, segments.firstKey());
                break;
            } catch (CorruptCheckpointException e) {
                log.warn("{}; deleting it", e.getMessage());
                Files.deleteIfExists(file);
            }
        }
        Long firstSegment = segments.floorKey(replayFrom);
        for (LogSegment segment : segments.tailMap(firstSegment != null ? firstSegment : segments.firstKey()).values()) {
            long from = replayFrom;
            segment.forEachBatchHeader(from, header -> {
                if (header.baseOffset() >= from) {
                    producerState.update(header);
                }
            });
        }
    }

    static TreeSet<Long> listSnapshotOffsets(Path dir) throws IOException {
        TreeSet<Long> offsets = new TreeSet<>();
        try (Stream<Path> listing = Files.list(dir)) {
            listing.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(ProducerSnapshotFile.SUFFIX))
                    .forEach(name -> parseBaseOffset(name, ProducerSnapshotFile.SUFFIX).ifPresent(offsets::add));
        }
        return offsets;
    }
}
