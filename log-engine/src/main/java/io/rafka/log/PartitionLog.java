package io.rafka.log;

import io.rafka.common.Checks;
import io.rafka.log.epoch.EpochEndOffset;
import io.rafka.log.epoch.EpochEntry;
import io.rafka.log.epoch.LeaderEpochCache;
import io.rafka.log.producer.BatchMetadata;
import io.rafka.log.producer.ProducerEntry;
import io.rafka.log.producer.ProducerSnapshotFile;
import io.rafka.log.producer.ProducerStateManager;
import io.rafka.log.record.BatchValidator;
import io.rafka.log.record.RecordBatch;
import io.rafka.log.storage.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: a directory {@code <topic>-<partition>} of segments named by base
 * offset, a leader-epoch cache and producer state. Stores v2 batches as received, rewriting only
 * the base offset and the partition leader epoch (and, with LOG_APPEND_TIME, the max timestamp).
 *
 * <p>Invariants: {@code logStartOffset <= logEndOffset}; {@code recoveryPoint <= logEndOffset} and
 * every byte below the recovery point has been fsynced; segments are contiguous and only the
 * last (active) one takes appends.
 *
 * <p>Thread-safety: thread-safe. Appends, truncation, roll, retention, flush and close hold one
 * lock; reads ({@link #read}, timestamp lookups, offsets, epoch and producer queries) take no lock:
 * they snapshot the volatile published end and never read past it. A read racing with a
 * truncation or a segment deletion may fail with a typed error, but never returns bytes from
 * beyond the end it saw. An I/O error takes this log (only) offline: every later call throws
 * {@link LogOfflineException}.
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final LogEnvironment environment;
    private final ReentrantLock lock = new ReentrantLock();
    /** Segments by base offset; the last is the active segment. Never empty while online. */
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final AtomicReference<IOException> offlineCause = new AtomicReference<>();

    private volatile LogConfig config;
    private volatile LogEnd end;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private volatile long lastFlushTimeMs;
    private volatile boolean closed;
    /** Records appended since the last flush; guarded by {@code lock}. */
    private long unflushedRecords;
    /** Bumped by every truncation so that a background roll flush does not move the recovery point over rewritten offsets. */
    private volatile long truncationGeneration;

    private PartitionLog(Path dir, LogConfig config, LogEnvironment environment, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.environment = environment;
        this.segments = loaded.segments();
        this.epochCache = loaded.epochCache();
        this.producerState = loaded.producerState();
        this.logStartOffset = loaded.logStartOffset();
        this.recoveryPoint = loaded.recoveryPoint();
        this.lastFlushTimeMs = environment.time().milliseconds();
        publishEnd();
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it from the given checkpoints.
     *
     * @param recoveryPoint offsets below it were fsynced; segments from the one holding it on are re-validated
     * @param logStartOffset the checkpointed log start offset (DeleteRecords may have moved it past segment bases)
     * @param hadCleanShutdown the owner found a clean-shutdown marker: skip re-validation of intact segments
     */
    public static PartitionLog open(Path dir, LogConfig config, long recoveryPoint, long logStartOffset,
                                    boolean hadCleanShutdown, LogEnvironment environment) throws IOException {
        LogLoader.Loaded loaded = LogLoader.load(dir, config, recoveryPoint, logStartOffset, hadCleanShutdown, environment);
        return new PartitionLog(dir, config, environment, loaded);
    }

    /** Opens a standalone log with a full recovery scan (no checkpoints known). */
    public static PartitionLog open(Path dir, LogConfig config, LogEnvironment environment) throws IOException {
        return open(dir, config, 0, 0, false, environment);
    }

    // ---------------------------------------------------------------- appends

    /**
     * Validates and appends client batches: assigns offsets from the log end by rewriting each base
     * offset, stamps {@code leaderEpoch}, and with LOG_APPEND_TIME stamps the append time and
     * recomputes the CRC. The buffer is rewritten in place. A retry of one of a producer's last 5
     * batches writes nothing and returns the original offsets, marked duplicate.
     *
     * @throws CorruptRecordException, InvalidRecordException, RecordTooLargeException on bad input
     * @throws OutOfOrderSequenceException, InvalidProducerEpochException on producer-state violations
     */
    public LogAppendResult appendAsLeader(ByteBuffer batches, int leaderEpoch) {
        Checks.check(leaderEpoch >= 0, "leader epoch must not be negative, got %s", leaderEpoch);
        LogConfig appendConfig = config;
        List<RecordBatch> validated = BatchValidator.validate(batches, appendConfig.maxMessageBytes(), true);
        checkFitsInSegment(batches.remaining(), appendConfig);
        return underLock(() -> {
            Optional<BatchMetadata> duplicate = producerState.validateLeaderAppend(validated);
            if (duplicate.isPresent()) {
                BatchMetadata original = duplicate.get();
                return new LogAppendResult(original.firstOffset(), original.lastOffset(), RecordBatch.NO_TIMESTAMP,
                        original.maxTimestampMs(), logStartOffset, 0, true);
            }
            long nowMs = environment.time().milliseconds();
            boolean logAppendTime = appendConfig.timestampType() == TimestampType.LOG_APPEND_TIME;
            long firstOffset = end.offset();
            long nextOffset = firstOffset;
            for (RecordBatch batch : validated) {
                batch.setBaseOffset(nextOffset);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                if (logAppendTime) {
                    batch.setLogAppendTime(nowMs);
                }
                nextOffset = batch.nextOffset();
            }
            epochCache.maybeAssign(leaderEpoch, firstOffset); // on disk before any batch of the epoch is (or rebuilt from it)
            long maxTimestampMs = appendLocked(batches, validated, appendConfig, nowMs);
            return new LogAppendResult(firstOffset, nextOffset - 1, logAppendTime ? nowMs : RecordBatch.NO_TIMESTAMP,
                    maxTimestampMs, logStartOffset, batches.remaining(), false);
        });
    }

    /**
     * Appends batches fetched from the leader, keeping their offsets: the first must start at the
     * log end and each must follow the previous. Their CRCs are checked; their partition leader
     * epochs feed the epoch cache.
     *
     * @throws UnexpectedAppendOffsetException if the batches do not continue the log
     */
    public LogAppendResult appendAsFollower(ByteBuffer batches) {
        LogConfig appendConfig = config;
        List<RecordBatch> validated = BatchValidator.validate(batches, Integer.MAX_VALUE, false);
        checkFitsInSegment(batches.remaining(), appendConfig);
        return underLock(() -> {
            long expectedOffset = end.offset();
            for (RecordBatch batch : validated) {
                if (batch.baseOffset() != expectedOffset) {
                    throw new UnexpectedAppendOffsetException(expectedOffset, batch.baseOffset());
                }
                expectedOffset = batch.nextOffset();
            }
            for (RecordBatch batch : validated) {
                epochCache.maybeAssign(batch.partitionLeaderEpoch(), batch.baseOffset());
            }
            long firstOffset = validated.get(0).baseOffset();
            long maxTimestampMs = appendLocked(batches, validated, appendConfig, environment.time().milliseconds());
            return new LogAppendResult(firstOffset, expectedOffset - 1, RecordBatch.NO_TIMESTAMP, maxTimestampMs,
                    logStartOffset, batches.remaining(), false);
        });
    }

    private static void checkFitsInSegment(int appendBytes, LogConfig appendConfig) {
        if (appendBytes > appendConfig.segmentBytes()) {
            throw new RecordTooLargeException("append of " + appendBytes + " bytes is larger than segment.bytes="
                    + appendConfig.segmentBytes());
        }
    }

    /** Writes offset-assigned batches to the active segment (rolling first if needed) and publishes the new end. */
    private long appendLocked(ByteBuffer buffer, List<RecordBatch> batches, LogConfig appendConfig, long nowMs)
            throws IOException {
        long maxTimestampMs = RecordBatch.NO_TIMESTAMP;
        long recordCount = 0;
        for (RecordBatch batch : batches) {
            maxTimestampMs = Math.max(maxTimestampMs, batch.maxTimestamp());
            recordCount += batch.recordCount();
        }
        long lastOffset = batches.get(batches.size() - 1).lastOffset();
        LogSegment segment = maybeRoll(buffer.remaining(), maxTimestampMs, lastOffset, appendConfig, nowMs);
        segment.append(buffer, batches);
        for (RecordBatch batch : batches) {
            producerState.update(batch);
        }
        unflushedRecords += recordCount;
        publishEnd();
        if (unflushedRecords >= appendConfig.flushMessages()) {
            flushLocked();
        }
        return maxTimestampMs;
    }

    private LogSegment maybeRoll(int appendBytes, long maxTimestampMs, long lastOffset, LogConfig rollConfig,
                                 long nowMs) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.isEmpty()) {
            return active;
        }
        boolean full = active.sizeBytes() > rollConfig.segmentBytes() - appendBytes;
        boolean old = active.rollingAgeMs(nowMs, maxTimestampMs) > rollConfig.segmentMs();
        boolean offsetsOverflow = lastOffset - active.baseOffset() > Integer.MAX_VALUE;
        if (full || old || offsetsOverflow || active.indexesFull()) {
            return rollLocked(nowMs);
        }
        return active;
    }

    /**
     * Starts a new active segment at the log end. The old segment gets its final time index entry,
     * trimmed indexes and an fsync (see {@link #flushRolledSegment}) after which the recovery point
     * moves to the new base; the producer state is snapshotted at the new base so a restart
     * replays at most one segment.
     */
    private LogSegment rollLocked(long nowMs) throws IOException {
        LogSegment old = segments.lastEntry().getValue();
        long newBaseOffset = end.offset();
        Checks.check(newBaseOffset > old.baseOffset() || old.isEmpty(), "roll at %s would not follow %s", newBaseOffset, old);
        if (old.isEmpty()) {
            return old;
        }
        old.onBecomeInactive();
        flushRolledSegment(old, newBaseOffset);
        ProducerSnapshotFile.write(ProducerSnapshotFile.path(dir, newBaseOffset), producerState.entries());
        LogConfig rollConfig = config;
        LogSegment fresh = LogSegment.create(dir, newBaseOffset, rollConfig.indexIntervalBytes(),
                rollConfig.segmentIndexBytes(), environment.opener(), nowMs);
        segments.put(newBaseOffset, fresh);
        publishEnd();
        log.debug("{}: rolled to segment {}", dir, newBaseOffset);
        return fresh;
    }

    /**
     * Makes a rolled segment durable and moves the recovery point to its end. With a scheduler this
     * runs in the background, as Kafka does, so appends do not wait for up to a segment's worth of
     * fsync; the recovery point moves only if no truncation happened in between.
     */
    private void flushRolledSegment(LogSegment rolled, long newBaseOffset) throws IOException {
        if (environment.scheduler() == null) {
            rolled.flush();
            recoveryPoint = Math.max(recoveryPoint, newBaseOffset);
            return;
        }
        long generationAtRoll = truncationGeneration;
        environment.scheduler().execute(() -> {
            try {
                rolled.flush();
            } catch (ClosedChannelException e) {
                return; // deleted or closed meanwhile: nothing left to make durable
            } catch (IOException e) {
                markOffline(e);
                return;
            }
            lock.lock();
            try {
                if (!closed && !isOffline() && truncationGeneration == generationAtRoll) {
                    recoveryPoint = Math.max(recoveryPoint, Math.min(newBaseOffset, end.offset()));
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /** Rolls now if the active segment holds anything. For the broker's admin paths and tests. */
    public void roll() {
        underLock(() -> rollLocked(environment.time().milliseconds()));
    }

    // ---------------------------------------------------------------- reads

    /**
     * Whole batches from the one holding {@code startOffset}: as many as fit in {@code maxBytes}
     * (at least one if {@code minOneBatch}), each with a last offset below {@code maxOffsetExclusive}
     * (the high watermark for consumers), all from one segment file.
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is below the log start or above the log end
     */
    public LogReadResult read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        Checks.check(maxBytes >= 0, "maxBytes must not be negative, got %s", maxBytes);
        return readOnlyIo(() -> readOnce(startOffset, maxBytes, maxOffsetExclusive, minOneBatch));
    }

    private LogReadResult readOnce(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch)
            throws IOException {
        ensureOnline();
        LogEnd endSnapshot = end;
        long startSnapshot = logStartOffset;
        if (startOffset < startSnapshot || startOffset > endSnapshot.offset()) {
            throw new OffsetOutOfRangeException(startOffset, startSnapshot, endSnapshot.offset());
        }
        FileSlice slice = LogReads.read(segments, endSnapshot, startOffset, maxBytes, maxOffsetExclusive, minOneBatch);
        return new LogReadResult(slice, startSnapshot, endSnapshot.offset());
    }

    /**
     * ListOffsets by timestamp: the first batch at or after the log start whose max timestamp is at
     * least {@code timestampMs}; its base offset (or the log start, if that is inside the batch).
     * Empty if no batch is that recent. Batch granularity: earlier records of the batch come along.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs) {
        return readOnlyIo(() -> LogReads.offsetForTimestamp(segments, end, logStartOffset, timestampMs));
    }

    /**
     * ListOffsets MAX_TIMESTAMP: the largest batch max timestamp in the log and the base offset of
     * the first batch that has it. Empty for an empty log or one without timestamps.
     */
    public Optional<TimestampAndOffset> offsetOfMaxTimestamp() {
        ensureOnline();
        return LogReads.offsetOfMaxTimestamp(segments, logStartOffset);
    }

    // ---------------------------------------------------------------- offsets and sizes

    public long logStartOffset() {
        throwIfOffline();
        return logStartOffset;
    }

    public long logEndOffset() {
        throwIfOffline();
        return end.offset();
    }

    /** Offsets below it are on disk (fsynced). */
    public long recoveryPoint() {
        throwIfOffline();
        return recoveryPoint;
    }

    public long sizeBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.sizeBytes();
        }
        return total;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** New settings apply from the next append (segment and index sizes: from the next roll). */
    public void updateConfig(LogConfig newConfig) {
        config = newConfig;
    }

    public boolean isOffline() {
        return offlineCause.get() != null;
    }

    public long lastFlushTimeMs() {
        return lastFlushTimeMs;
    }

    public long unflushedRecords() {
        lock.lock();
        try {
            return unflushedRecords;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- leader epochs

    public int latestEpoch() {
        ensureOnline();
        return epochCache.latestEpoch();
    }

    /** Kafka's OffsetForLeaderEpoch answer for {@code epoch}; see {@link LeaderEpochCache#endOffsetFor}. */
    public EpochEndOffset endOffsetForEpoch(int epoch) {
        ensureOnline();
        return epochCache.endOffsetFor(epoch, end.offset());
    }

    public List<EpochEntry> epochEntries() {
        ensureOnline();
        return epochCache.entries();
    }

    /**
     * A new leader's first act: records that {@code epoch} starts at the current log end, before any
     * record of it exists (Kafka's {@code assignEpochStartOffset}). Without it a leader that has not
     * written yet could not tell a follower with an older, longer lineage where that lineage ends,
     * and the follower could not truncate. No-op for an epoch not newer than the latest.
     */
    public void beginLeaderEpoch(int epoch) {
        Checks.check(epoch >= 0, "leader epoch must not be negative, got %s", epoch);
        underLock(() -> epochCache.begin(epoch, end.offset()));
    }

    // ---------------------------------------------------------------- producer state

    public Optional<ProducerEntry> producerState(long producerId) {
        ensureOnline();
        return producerState.entry(producerId);
    }

    /** The last sequence the log holds for {@code producerId}, empty if the producer is unknown. */
    public OptionalInt lastSequence(long producerId) {
        return producerState(producerId).filter(e -> !e.batches().isEmpty())
                .map(e -> OptionalInt.of(e.lastSequence())).orElse(OptionalInt.empty());
    }

    // ---------------------------------------------------------------- truncation and deletion

    /**
     * Removes every batch whose last offset is at or above {@code targetOffset}: by whole batch, so
     * the new log end is the base of the batch holding the target (the target itself at a batch
     * boundary). Truncates the epoch cache, rebuilds producer state. No-op at or past the end.
     *
     * @return whether anything was removed
     */
    public boolean truncateTo(long targetOffset) {
        Checks.check(targetOffset >= 0, "cannot truncate to negative offset %s", targetOffset);
        return underLock(() -> {
            if (targetOffset >= end.offset()) {
                // No record goes, but an epoch begun at the end by a leader that never wrote in it
                // must: a follower whose lineage ends in an epoch the leader never had would
                // otherwise be told it diverges at every fetch.
                epochCache.truncateFromEnd(targetOffset);
                return false;
            }
            if (targetOffset < logStartOffset || targetOffset < segments.firstKey()) {
                truncateFullyLocked(targetOffset);
                return true;
            }
            truncationGeneration++;
            LogSegment previouslyActive = segments.lastEntry().getValue();
            deleteSegmentsLocked(new ArrayList<>(segments.tailMap(targetOffset, false).values()), false);
            LogSegment last = segments.lastEntry().getValue();
            last.truncateTo(targetOffset);
            if (last != previouslyActive) {
                last.onBecomeActive();
            }
            long newEndOffset = last.nextOffset();
            publishEnd();
            recoveryPoint = Math.min(recoveryPoint, newEndOffset);
            epochCache.truncateFromEnd(newEndOffset);
            if (newEndOffset < logStartOffset) {
                // The target fell inside the batch holding the log start: that whole batch went.
                logStartOffset = newEndOffset;
                environment.listener().onLogStartOffsetChanged(this);
            }
            LogLoader.rebuildProducerState(dir, segments, producerState, logStartOffset, newEndOffset);
            log.info("{}: truncated to {} (log end now {})", dir, targetOffset, newEndOffset);
            return true;
        });
    }

    /** Deletes every segment and restarts the log empty at {@code newOffset} (a follower far behind the leader's start). */
    public void truncateFullyAndStartAt(long newOffset) {
        Checks.check(newOffset >= 0, "cannot start at negative offset %s", newOffset);
        underLock(() -> {
            truncateFullyLocked(newOffset);
            return null;
        });
    }

    private void truncateFullyLocked(long newOffset) throws IOException {
        truncationGeneration++;
        // Readers that find no segment in the short gap below answer with an empty read.
        deleteSegmentsLocked(new ArrayList<>(segments.values()), true);
        LogConfig currentConfig = config;
        segments.put(newOffset, LogSegment.create(dir, newOffset, currentConfig.indexIntervalBytes(),
                currentConfig.segmentIndexBytes(), environment.opener(), environment.time().milliseconds()));
        epochCache.clear();
        producerState.clear();
        for (long snapshotOffset : LogLoader.listSnapshotOffsets(dir)) {
            Files.deleteIfExists(ProducerSnapshotFile.path(dir, snapshotOffset));
        }
        logStartOffset = newOffset;
        recoveryPoint = newOffset;
        unflushedRecords = 0;
        publishEnd();
        environment.listener().onLogStartOffsetChanged(this);
        log.info("{}: truncated fully, restarting at {}", dir, newOffset);
    }

    /**
     * DeleteRecords: moves the log start offset to {@code offset} (checkpointed by the owner) and
     * deletes segments that lie entirely below it. Reads below the new start fail with
     * OffsetOutOfRange.
     *
     * @return the log start offset afterwards
     * @throws OffsetOutOfRangeException if {@code offset} is past the log end
     */
    public long deleteRecordsBefore(long offset) {
        return underLock(() -> {
            if (offset > end.offset()) {
                throw new OffsetOutOfRangeException(offset, logStartOffset, end.offset());
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                epochCache.truncateFromStart(offset);
                environment.listener().onLogStartOffsetChanged(this);
                deleteSegmentsLocked(deletableBelowStart(), false);
            }
            return logStartOffset;
        });
    }

    /**
     * Retention: deletes the oldest non-active segments while they are entirely below the log
     * start, older than {@code retention.ms}, or in excess of {@code retention.bytes}; stops at the
     * first segment that must stay. Whole segments only; never the active one.
     *
     * @return the number of segments deleted
     */
    public int deleteOldSegments() {
        return underLock(() -> {
            List<LogSegment> ordered = new ArrayList<>(segments.values());
            int count = RetentionPolicy.deletableCount(segmentFacts(ordered), logStartOffset, config,
                    environment.time().milliseconds());
            if (count == 0) {
                return 0;
            }
            deleteSegmentsLocked(ordered.subList(0, count), false);
            long newStart = Math.max(logStartOffset, segments.firstKey());
            if (newStart != logStartOffset) {
                logStartOffset = newStart;
                epochCache.truncateFromStart(newStart);
                environment.listener().onLogStartOffsetChanged(this);
            }
            log.info("{}: retention deleted {} segment(s); log start now {}", dir, count, logStartOffset);
            return count;
        });
    }

    private List<LogSegment> deletableBelowStart() throws IOException {
        List<LogSegment> ordered = new ArrayList<>(segments.values());
        return ordered.subList(0, RetentionPolicy.belowLogStartCount(segmentFacts(ordered), logStartOffset));
    }

    private static List<RetentionPolicy.SegmentFacts> segmentFacts(List<LogSegment> ordered) throws IOException {
        List<RetentionPolicy.SegmentFacts> facts = new ArrayList<>(ordered.size());
        for (LogSegment segment : ordered) {
            facts.add(new RetentionPolicy.SegmentFacts(segment.baseOffset(), segment.sizeBytes(),
                    segment.largestTimestampMs()));
        }
        return facts;
    }

    /**
     * Unlinks segments from the map first (new reads stop finding them), renames their files
     * {@code .deleted}, and closes/removes them after {@code file.delete.delay.ms} so in-flight
     * zero-copy sends finish. Snapshots below the new first segment go too.
     */
    private void deleteSegmentsLocked(List<LogSegment> doomed, boolean allowEmpty) throws IOException {
        if (doomed.isEmpty()) {
            return;
        }
        for (LogSegment segment : doomed) {
            segments.remove(segment.baseOffset(), segment);
        }
        Checks.check(allowEmpty || !segments.isEmpty(), "deleting %s would leave %s without segments", doomed, dir);
        for (LogSegment segment : doomed) {
            segment.renameForDeletion();
        }
        long delayMs = config.fileDeleteDelayMs();
        if (environment.scheduler() == null || delayMs == 0) {
            for (LogSegment segment : doomed) {
                segment.deleteFiles();
            }
        } else {
            environment.scheduler().schedule(() -> deleteFilesQuietly(doomed), delayMs, TimeUnit.MILLISECONDS);
        }
        long firstBase = segments.isEmpty() ? Long.MAX_VALUE : segments.firstKey();
        for (long snapshotOffset : LogLoader.listSnapshotOffsets(dir)) {
            if (snapshotOffset < firstBase) {
                Files.deleteIfExists(ProducerSnapshotFile.path(dir, snapshotOffset));
            }
        }
    }

    private static void deleteFilesQuietly(List<LogSegment> doomed) {
        for (LogSegment segment : doomed) {
            try {
                segment.deleteFiles();
            } catch (IOException e) {
                log.warn("could not delete {}; it will be removed on the next start", segment.logFile(), e);
            }
        }
    }

    // ---------------------------------------------------------------- durability and lifecycle

    /** Fsyncs everything appended so far and moves the recovery point to the log end. */
    public void flush() {
        underLock(() -> {
            flushLocked();
            return null;
        });
    }

    private void flushLocked() throws IOException {
        epochCache.persistIfBehind();
        long flushedTo = end.offset();
        if (flushedTo > recoveryPoint || unflushedRecords > 0) {
            Long from = segments.floorKey(recoveryPoint);
            LogSegment active = segments.lastEntry().getValue();
            for (LogSegment segment : segments.tailMap(from != null ? from : segments.firstKey()).values()) {
                if (segment == active) {
                    // Only the log bytes: after a crash the segment holding the recovery point is
                    // always re-validated and its indexes rebuilt, so syncing them here buys nothing.
                    segment.flushLogOnly();
                } else {
                    segment.flush();
                }
            }
        }
        recoveryPoint = flushedTo;
        unflushedRecords = 0;
        lastFlushTimeMs = environment.time().milliseconds();
    }

    /**
     * Clean close: snapshots producer state at the log end, trims and fsyncs every segment. The
     * owner writes the clean-shutdown marker after this returns. Closing twice is a no-op.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (isOffline()) {
                closed = true;
                return;
            }
            try {
                long endOffset = end.offset();
                ProducerSnapshotFile.write(ProducerSnapshotFile.path(dir, endOffset), producerState.entries());
                // Earlier close-time snapshots inside the active segment are superseded; the one at
                // its base stays for rebuilds after a truncation.
                long activeBase = segments.lastKey();
                for (long snapshotOffset : LogLoader.listSnapshotOffsets(dir)) {
                    if (snapshotOffset > activeBase && snapshotOffset < endOffset) {
                        Files.deleteIfExists(ProducerSnapshotFile.path(dir, snapshotOffset));
                    }
                }
                epochCache.persistIfBehind();
                for (LogSegment segment : segments.values()) {
                    segment.close();
                }
                recoveryPoint = end.offset();
                closed = true;
            } catch (IOException e) {
                throw markOffline(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the log without flushing and removes its directory (if still there) with everything in it. */
    public void delete() {
        lock.lock();
        try {
            closed = true;
            segments.values().forEach(LogSegment::closeQuietly);
            if (!Files.exists(dir)) {
                return; // the owner already moved the directory away to delete it
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw markOffline(e);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PartitionLog(" + dir + ", start=" + logStartOffset + ", end=" + end.offset() + ")";
    }

    // ---------------------------------------------------------------- internals

    private void publishEnd() {
        LogSegment active = segments.lastEntry().getValue();
        end = new LogEnd(active.nextOffset(), active, active.sizeBytes());
    }

    /** Offset getters stay usable after a clean close (the owner checkpoints them then); not after a fault. */
    private void throwIfOffline() {
        IOException cause = offlineCause.get();
        if (cause != null) {
            throw new LogOfflineException(dir, cause);
        }
    }

    private void ensureOnline() {
        throwIfOffline();
        if (closed) {
            throw new LogOfflineException(dir, new IOException("log is closed"));
        }
    }

    /** Takes the log offline on the first I/O error; every later call fails fast. */
    private LogOfflineException markOffline(IOException cause) {
        if (offlineCause.compareAndSet(null, cause)) {
            log.error("log {} is now OFFLINE after an I/O error; its partition is unavailable until the broker "
                    + "restarts and recovers it. Other logs are unaffected.", dir, cause);
            segments.values().forEach(LogSegment::closeQuietly);
            environment.listener().onOffline(this, cause);
        }
        return new LogOfflineException(dir, offlineCause.get());
    }

    private <T> T underLock(IoAction<T> action) {
        lock.lock();
        try {
            ensureOnline();
            return action.run();
        } catch (IOException e) {
            throw markOffline(e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T readOnlyIo(IoAction<T> action) {
        ensureOnline();
        try {
            return action.run();
        } catch (ClosedChannelException e) {
            ensureOnline();
            // A segment was deleted or truncated under the read: retry once against the new state.
            try {
                return action.run();
            } catch (IOException retryFailure) {
                throw markOffline(retryFailure);
            }
        } catch (IOException e) {
            throw markOffline(e);
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
