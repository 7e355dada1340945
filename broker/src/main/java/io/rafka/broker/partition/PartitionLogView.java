package io.rafka.broker.partition;

import io.rafka.log.PartitionLog;
import io.rafka.replication.EpochEndOffset;
import io.rafka.replication.EpochEntry;
import io.rafka.replication.LeaderEpochHistory;
import io.rafka.replication.ReplicaLogView;

/**
 * The replication core's view of a partition log: its end and its leader-epoch lineage, translated
 * from the log engine's types (the two modules do not know each other).
 *
 * <p>Thread-safety: each call reads the log's current state; callers that need the end and the
 * lineage to agree hold the owning {@link Partition}'s monitor, which serialises every append and
 * truncation.
 */
final class PartitionLogView implements ReplicaLogView {

    private final PartitionLog log;

    PartitionLogView(PartitionLog log) {
        this.log = log;
    }

    @Override
    public long logEndOffset() {
        return log.logEndOffset();
    }

    @Override
    public LeaderEpochHistory epochHistory() {
        return LeaderEpochHistory.of(log.epochEntries().stream()
            .map(entry -> new EpochEntry(entry.epoch(), entry.startOffset())).toList());
    }

    @Override
    public EpochEndOffset endOffsetForEpoch(int requestedEpoch) {
        io.rafka.log.epoch.EpochEndOffset answer = log.endOffsetForEpoch(requestedEpoch);
        return answer.epoch() == io.rafka.log.epoch.EpochEndOffset.UNDEFINED_EPOCH
            ? EpochEndOffset.UNDEFINED : new EpochEndOffset(answer.epoch(), answer.endOffset());
    }
}
