package io.rafka.log.epoch;

import io.rafka.common.Checks;
import io.rafka.log.checkpoint.CheckpointFile;
import io.rafka.log.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The partition's leader-epoch history, {@code leader-epoch-checkpoint}: which epoch started at
 * which offset. Replication uses it to find where a follower's log diverges from the leader's.
 * Every change is written to the checkpoint before the log acts on it (persist before announce),
 * with one exception: until the file first exists, changes stay in memory ({@link #maybeAssign}).
 *
 * <p>Invariant: epochs and start offsets both strictly increase along the entries.
 *
 * <p>Thread-safety: mutators are called under the owning log's lock; all methods are
 * {@code synchronized} so replication can query while the log appends.
 */
public final class LeaderEpochCache {

    public static final String FILE_NAME = "leader-epoch-checkpoint";

    private final Path file;
    private final NavigableMap<Integer, Long> startOffsetByEpoch = new TreeMap<>();
    /**
     * Memory is ahead of the file: the latest entry was begun ({@link #begin}) but not written, or, before
     * the file exists ({@link #onDisk}), any entry was added.
     */
    private boolean latestUnpersisted;
    /**
     * Whether the checkpoint file exists. Until it does, a crash leaves a log without one, and loading
     * rebuilds its epochs from the batch headers ({@code LogLoader}), so nothing is lost by not writing.
     */
    private boolean onDisk;

    private LeaderEpochCache(Path file) {
        this.file = file;
    }

    /**
     * Loads the checkpoint. A corrupt file is reported to the caller, which rebuilds the cache
     * from batch headers instead of trusting it.
     */
    public static LeaderEpochCache load(Path partitionDir) throws IOException {
        LeaderEpochCache cache = new LeaderEpochCache(partitionDir.resolve(FILE_NAME));
        cache.onDisk = Files.exists(cache.file);
        for (String line : CheckpointFile.read(cache.file)) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 2) {
                throw new CorruptCheckpointException(cache.file, "entry '" + line + "'");
            }
            long epoch = CheckpointFile.parseLong(cache.file, fields[0]);
            long startOffset = CheckpointFile.parseLong(cache.file, fields[1]);
            Map.Entry<Integer, Long> last = cache.startOffsetByEpoch.lastEntry();
            if (epoch < 0 || epoch > Integer.MAX_VALUE || startOffset < 0
                    || (last != null && (epoch <= last.getKey() || startOffset <= last.getValue()))) {
                throw new CorruptCheckpointException(cache.file, "entry '" + line + "' breaks the ordering");
            }
            cache.startOffsetByEpoch.put((int) epoch, startOffset);
        }
        return cache;
    }

    /** An empty cache that will write to {@code partitionDir}; for a rebuild after a corrupt checkpoint. */
    public static LeaderEpochCache empty(Path partitionDir) {
        return new LeaderEpochCache(partitionDir.resolve(FILE_NAME));
    }

    public synchronized int latestEpoch() {
        return startOffsetByEpoch.isEmpty() ? EpochEndOffset.UNDEFINED_EPOCH : startOffsetByEpoch.lastKey();
    }

    public synchronized List<EpochEntry> entries() {
        List<EpochEntry> entries = new ArrayList<>();
        startOffsetByEpoch.forEach((epoch, offset) -> entries.add(new EpochEntry(epoch, offset)));
        return entries;
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, if it is newer than the latest
     * epoch, and writes the checkpoint. Older or equal epochs are ignored, as Kafka does for
     * batches that carry an epoch the cache already knows.
     *
     * <p>A partition whose checkpoint file does not exist yet (a new one) keeps the change in memory
     * until {@link #persistIfBehind} (the log's flush or close): the records that carry the epoch are what
     * a crash-time rebuild reads, so there is nothing to lose, and the first write to each new partition
     * does not wait for a checkpoint fsync (the single-node benchmark's p99 at 5,000 records/s came from
     * those, six fsyncs in the first produce request to a new topic).
     *
     * @return whether the cache changed
     */
    public synchronized boolean maybeAssign(int epoch, long startOffset) throws IOException {
        boolean firstRecordOfBegunEpoch = epoch >= 0 && epoch == latestEpoch() && latestUnpersisted;
        if (!firstRecordOfBegunEpoch && !putIfNewer(epoch, startOffset)) {
            return false;
        }
        if (onDisk) {
            // The entry must be on disk before the record is.
            persist();
        } else {
            latestUnpersisted = true;
        }
        return !firstRecordOfBegunEpoch;
    }

    /** Writes the checkpoint if memory is ahead of it: before the log's recovery point moves, and on close. */
    public synchronized void persistIfBehind() throws IOException {
        if (latestUnpersisted) {
            persist();
        }
    }

    /**
     * A new leader's epoch starting at {@code startOffset} (the log end), kept in memory only until
     * the first record of the epoch is appended ({@link #maybeAssign} writes it then) or anything else
     * persists the cache. Losing it in a crash is harmless: no record carries it, and a leader begins
     * its epoch again whenever it becomes leader. This keeps creating a thousand partitions from
     * costing a thousand fsyncs. Older or equal epochs are ignored.
     *
     * @return whether the cache changed
     */
    public synchronized boolean begin(int epoch, long startOffset) {
        if (!putIfNewer(epoch, startOffset)) {
            return false;
        }
        latestUnpersisted = true;
        return true;
    }

    /** Adds {@code epoch} at {@code startOffset} if newer than the latest; in memory only. */
    private boolean putIfNewer(int epoch, long startOffset) {
        if (epoch < 0 || epoch <= latestEpoch()) {
            return false;
        }
        Map.Entry<Integer, Long> last = startOffsetByEpoch.lastEntry();
        Checks.check(last == null || startOffset >= last.getValue(),
                "epoch %s cannot start at %s before epoch %s's start %s", epoch, startOffset,
                last == null ? null : last.getKey(), last == null ? null : last.getValue());
        if (last != null && startOffset == last.getValue()) {
            // The previous epoch wrote nothing: the new one replaces it, keeping start offsets strictly increasing.
            startOffsetByEpoch.remove(last.getKey());
        }
        startOffsetByEpoch.put(epoch, startOffset);
        return true;
    }

    /**
     * Kafka's OffsetForLeaderEpoch: for the latest epoch the log end; for an older epoch the start
     * offset of the first epoch above it, paired with the largest known epoch at or below the
     * requested one; undefined if the requested epoch is above every known one.
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch == EpochEndOffset.UNDEFINED_EPOCH) {
            return EpochEndOffset.UNDEFINED;
        }
        if (!startOffsetByEpoch.isEmpty() && requestedEpoch == latestEpoch()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Map.Entry<Integer, Long> higher = startOffsetByEpoch.higherEntry(requestedEpoch);
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        Map.Entry<Integer, Long> floor = startOffsetByEpoch.floorEntry(requestedEpoch);
        return floor == null
                ? new EpochEndOffset(requestedEpoch, higher.getValue())
                : new EpochEndOffset(floor.getKey(), higher.getValue());
    }

    /** Drops epochs that start at or after {@code endOffset}: the log was truncated there. */
    public synchronized void truncateFromEnd(long endOffset) throws IOException {
        boolean changed = startOffsetByEpoch.values().removeIf(startOffset -> startOffset >= endOffset);
        if (changed) {
            persist();
        }
    }

    /**
     * The log now starts at {@code startOffset}: drops epochs that ended before it and moves the
     * start of the epoch that covers it up to it.
     */
    public synchronized void truncateFromStart(long startOffset) throws IOException {
        Map.Entry<Integer, Long> covering = null;
        for (Map.Entry<Integer, Long> entry : startOffsetByEpoch.entrySet()) {
            if (entry.getValue() <= startOffset) {
                covering = entry;
            }
        }
        if (covering == null || covering.getValue() == startOffset && covering.equals(startOffsetByEpoch.firstEntry())) {
            return;
        }
        int coveringEpoch = covering.getKey();
        startOffsetByEpoch.headMap(coveringEpoch, true).clear();
        startOffsetByEpoch.put(coveringEpoch, startOffset);
        persist();
    }

    public synchronized void clear() throws IOException {
        startOffsetByEpoch.clear();
        persist();
    }

    private void persist() throws IOException {
        latestUnpersisted = false;
        onDisk = true;
        List<String> lines = new ArrayList<>();
        startOffsetByEpoch.forEach((epoch, offset) -> lines.add(epoch + " " + offset));
        CheckpointFile.write(file, lines);
    }
}
