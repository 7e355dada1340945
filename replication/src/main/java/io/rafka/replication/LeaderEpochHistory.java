package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A log's leader-epoch lineage (epoch -> start offset), as stored in its leader-epoch-checkpoint, and
 * the one query replication asks of it: where does an epoch end.
 *
 * <p>Invariant (checked on construction): epochs strictly increase and start offsets never decrease
 * along the list. Two entries may share a start offset: a leader that wrote nothing in its epoch.
 *
 * <p>Immutable; thread-safe.
 */
public final class LeaderEpochHistory {

    private static final LeaderEpochHistory EMPTY = new LeaderEpochHistory(List.of());

    /** Oldest first. */
    private final List<EpochEntry> entries;

    private LeaderEpochHistory(List<EpochEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            EpochEntry previous = entries.get(i - 1);
            EpochEntry next = entries.get(i);
            Checks.check(next.epoch() > previous.epoch() && next.startOffset() >= previous.startOffset(),
                    "epoch lineage not monotonic: %s then %s in %s", previous, next, entries);
        }
        this.entries = List.copyOf(entries);
    }

    public static LeaderEpochHistory empty() {
        return EMPTY;
    }

    public static LeaderEpochHistory of(List<EpochEntry> entriesOldestFirst) {
        return new LeaderEpochHistory(entriesOldestFirst);
    }

    public List<EpochEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<EpochEntry> latest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** Start offset of {@code epoch} if this log has an entry for exactly that epoch. */
    public Optional<Long> startOffsetOf(int epoch) {
        return entries.stream().filter(e -> e.epoch() == epoch).map(EpochEntry::startOffset).findFirst();
    }

    /**
     * OffsetForLeaderEpoch, answered from this lineage and the log's end offset.
     *
     * <ul>
     *   <li>requested epoch is the latest: it ends at the log end offset;</li>
     *   <li>requested epoch is newer than anything here: {@link EpochEndOffset#UNDEFINED};</li>
     *   <li>requested epoch is older than everything here: it "ends" where our first epoch starts
     *       (the asker must drop everything from there);</li>
     *   <li>otherwise: the largest known epoch {@code <=} requested, ending where the next known epoch
     *       starts. The answer's epoch may be smaller than the requested one: the asker then learns
     *       that we never had its epoch.</li>
     * </ul>
     */
    public EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || entries.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        EpochEntry latest = entries.get(entries.size() - 1);
        Checks.check(logEndOffset >= latest.startOffset(),
                "log end offset %s below the start %s of the latest epoch %s", logEndOffset, latest.startOffset(), latest.epoch());
        if (requestedEpoch == latest.epoch()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        if (requestedEpoch > latest.epoch()) {
            return EpochEndOffset.UNDEFINED;
        }
        EpochEntry floor = null;
        EpochEntry higher = null;
        for (EpochEntry entry : entries) {
            if (entry.epoch() <= requestedEpoch) {
                floor = entry;
            } else {
                higher = entry;
                break;
            }
        }
        // higher != null because requestedEpoch < latest.epoch()
        if (floor == null) {
            return new EpochEndOffset(requestedEpoch, higher.startOffset());
        }
        return new EpochEndOffset(floor.epoch(), higher.startOffset());
    }

    /**
     * This lineage plus {@code epoch} starting at {@code startOffset}; unchanged if {@code epoch} is
     * already the latest. A smaller epoch or start offset than the latest is a bug (leader epochs only
     * grow and a log only appends at its end).
     */
    public LeaderEpochHistory withEpoch(int epoch, long startOffset) {
        Optional<EpochEntry> latest = latest();
        if (latest.isPresent() && latest.get().epoch() == epoch) {
            return this;
        }
        List<EpochEntry> next = new ArrayList<>(entries);
        next.add(new EpochEntry(epoch, startOffset));
        return new LeaderEpochHistory(next);
    }

    /**
     * The lineage of a log truncated to end at {@code endOffset}: entries starting at or after it
     * name epochs with no record left, so they go (as Kafka's truncateFromEnd).
     */
    public LeaderEpochHistory truncatedTo(long endOffset) {
        List<EpochEntry> kept = entries.stream().filter(e -> e.startOffset() < endOffset).toList();
        return kept.size() == entries.size() ? this : new LeaderEpochHistory(kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeaderEpochHistory that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
