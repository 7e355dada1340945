package io.rafka.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal in-memory log for unit tests: one epoch per offset plus the epoch lineage, built the way
 * a real log builds it (an epoch enters the lineage at its first record, or when its leader starts).
 * Not thread-safe.
 */
final class EpochLog implements ReplicaLogView {

    private final List<Integer> epochByOffset = new ArrayList<>();
    private LeaderEpochHistory history = LeaderEpochHistory.empty();

    /** A log holding {@code count} records of each epoch, e.g. {@code of(0, 3, 2, 4)}: 3 of epoch 0, 4 of epoch 2. */
    static EpochLog of(int... epochAndCountPairs) {
        EpochLog log = new EpochLog();
        for (int i = 0; i < epochAndCountPairs.length; i += 2) {
            log.append(epochAndCountPairs[i], epochAndCountPairs[i + 1]);
        }
        return log;
    }

    EpochLog append(int epoch, int count) {
        history = history.withEpoch(epoch, logEndOffset());
        for (int i = 0; i < count; i++) {
            epochByOffset.add(epoch);
        }
        return this;
    }

    int epochAt(long offset) {
        return epochByOffset.get(Math.toIntExact(offset));
    }

    void truncateTo(long endOffset) {
        epochByOffset.subList(Math.toIntExact(endOffset), epochByOffset.size()).clear();
        history = history.truncatedTo(endOffset);
    }

    @Override
    public long logEndOffset() {
        return epochByOffset.size();
    }

    @Override
    public LeaderEpochHistory epochHistory() {
        return history;
    }
}
