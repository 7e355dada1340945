package io.rafka.replication.sim;

import io.rafka.common.Checks;
import io.rafka.replication.LeaderEpochHistory;
import io.rafka.replication.ReplicaLogView;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory partition log with Kafka's durability model reduced to one mark: records below
 * {@code flushedEndOffset} survive a crash, records above it vanish. The epoch lineage is treated as
 * durable (Kafka writes its checkpoint on every new epoch) but is cut back to the surviving records
 * on recovery, as Kafka's log recovery does. Offsets start at 0; there is no retention.
 *
 * <p>Not thread-safe: the simulation is single-threaded.
 */
final class SimLog implements ReplicaLogView {

    private final List<SimRecord> records = new ArrayList<>();
    /** prefixHashes.get(n) digests records [0, n): comparing two logs' prefixes costs O(1). */
    private final List<Long> prefixHashes = new ArrayList<>(List.of(0L));
    private LeaderEpochHistory history = LeaderEpochHistory.empty();
    /** Records below this offset are on "disk". Invariant: flushedEndOffset <= logEndOffset. */
    private long flushedEndOffset;
    /** The replica's local high watermark. Invariant: highWatermark <= logEndOffset. */
    private long highWatermark;

    @Override
    public long logEndOffset() {
        return records.size();
    }

    @Override
    public LeaderEpochHistory epochHistory() {
        return history;
    }

    long highWatermark() {
        return highWatermark;
    }

    long flushedEndOffset() {
        return flushedEndOffset;
    }

    /**
     * The latest epoch of the lineage, or -1: what a follower sends as its last fetched epoch. Not the
     * last record's epoch: a former leader may end with an epoch in which it wrote nothing, and the
     * leader must see that epoch to tell the follower to drop it (Kafka uses the lineage too).
     */
    int latestEpoch() {
        return history.latest().map(e -> e.epoch()).orElse(-1);
    }

    /** Digest of the records [0, endOffset). */
    long prefixHash(long endOffset) {
        return prefixHashes.get(Math.toIntExact(endOffset));
    }

    static long extendHash(long prefixHash, SimRecord record) {
        long mixed = record.offset() * 0x9E3779B97F4A7C15L ^ record.epoch() * 0xC2B2AE3D27D4EB4FL ^ record.value();
        mixed ^= mixed >>> 31;
        mixed *= 0xBF58476D1CE4E5B9L;
        return prefixHash * 1_000_003L + (mixed ^ (mixed >>> 29));
    }

    SimRecord recordAt(long offset) {
        return records.get(Math.toIntExact(offset));
    }

    List<SimRecord> read(long fromOffset, int maxRecords) {
        int from = Math.toIntExact(fromOffset);
        return List.copyOf(records.subList(from, Math.min(records.size(), from + maxRecords)));
    }

    /** A new leader marks where its epoch starts before it appends anything (Kafka's assign on becomeLeader). */
    void startLeaderEpoch(int epoch) {
        history = history.withEpoch(epoch, logEndOffset());
    }

    long appendAsLeader(int epoch, long value) {
        Checks.check(history.latest().map(e -> e.epoch() == epoch).orElse(false),
                "leader appends in epoch %s but its lineage is %s", epoch, history);
        long offset = logEndOffset();
        add(new SimRecord(offset, epoch, value));
        return offset;
    }

    void appendAsFollower(List<SimRecord> fetched) {
        for (SimRecord record : fetched) {
            Checks.check(record.offset() == logEndOffset(), "fetched offset %s does not continue log ending at %s",
                    record.offset(), logEndOffset());
            history = history.withEpoch(record.epoch(), record.offset());
            add(record);
        }
    }

    private void add(SimRecord record) {
        prefixHashes.add(extendHash(prefixHashes.get(prefixHashes.size() - 1), record));
        records.add(record);
    }

    void updateHighWatermarkAsFollower(long leaderHighWatermark) {
        highWatermark = Math.max(highWatermark, Math.min(leaderHighWatermark, logEndOffset()));
    }

    void setHighWatermarkAsLeader(long leaderHighWatermark) {
        Checks.check(leaderHighWatermark >= highWatermark && leaderHighWatermark <= logEndOffset(),
                "leader high watermark %s outside [%s, %s]", leaderHighWatermark, highWatermark, logEndOffset());
        highWatermark = leaderHighWatermark;
    }

    void truncateTo(long endOffset) {
        Checks.check(endOffset >= 0 && endOffset <= logEndOffset(), "truncate to %s outside [0, %s]", endOffset, logEndOffset());
        records.subList(Math.toIntExact(endOffset), records.size()).clear();
        prefixHashes.subList(Math.toIntExact(endOffset) + 1, prefixHashes.size()).clear();
        history = history.truncatedTo(endOffset);
        flushedEndOffset = Math.min(flushedEndOffset, endOffset);
        highWatermark = Math.min(highWatermark, endOffset);
    }

    void flush() {
        flushedEndOffset = logEndOffset();
    }

    /** Power loss: the unflushed tail is gone; the checkpointed high watermark is clamped to what is left. */
    void crash() {
        truncateTo(flushedEndOffset);
    }
}
