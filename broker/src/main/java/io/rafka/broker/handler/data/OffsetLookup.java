package io.rafka.broker.handler.data;

import io.rafka.broker.partition.Partition;
import io.rafka.log.LogReadResult;
import io.rafka.log.PartitionLog;
import io.rafka.log.TimestampAndOffset;
import io.rafka.log.epoch.EpochEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

/**
 * ListOffsets answers for one partition, at record granularity. The log engine finds the batch by
 * its max timestamp; this class then looks inside that batch (decompressing it if needed) for the
 * exact record, as Kafka answers: the first record at or after the log start whose timestamp is at
 * least the target, or the first record holding the maximum timestamp. Only offsets below the high
 * watermark are visible.
 *
 * <p>Stateless, thread-safe; reads disk (call it from a request-handler thread).
 */
final class OffsetLookup {

    /** An answer: the record's timestamp (-1 when not applicable), its offset (-1: none), its leader epoch. */
    record Found(long timestampMs, long offset, int leaderEpoch) {
        static final Found NONE = new Found(RecordBatch.NO_TIMESTAMP, -1, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    }

    private OffsetLookup() {}

    static Found earliest(Partition partition) {
        PartitionLog log = partition.log();
        long offset = log.logStartOffset();
        return new Found(RecordBatch.NO_TIMESTAMP, offset, epochAt(log.epochEntries(), offset));
    }

    static Found latest(Partition partition) {
        long highWatermark = partition.highWatermark();
        return new Found(RecordBatch.NO_TIMESTAMP, highWatermark, epochAt(partition.log().epochEntries(), highWatermark - 1));
    }

    static Found logEnd(Partition partition) {
        PartitionLog log = partition.log();
        long logEndOffset = log.logEndOffset();
        return new Found(RecordBatch.NO_TIMESTAMP, logEndOffset, epochAt(log.epochEntries(), logEndOffset - 1));
    }

    static Found byTimestamp(Partition partition, long targetMs) {
        Optional<TimestampAndOffset> batch = partition.log().offsetForTimestamp(targetMs);
        if (batch.isEmpty()) {
            return Found.NONE;
        }
        return firstRecord(partition, batch.get().offset(), timestamp -> timestamp >= targetMs);
    }

    static Found maxTimestamp(Partition partition) {
        Optional<TimestampAndOffset> batch = partition.log().offsetOfMaxTimestamp();
        if (batch.isEmpty()) {
            return Found.NONE;
        }
        long maxMs = batch.get().timestampMs();
        return firstRecord(partition, batch.get().offset(), timestamp -> timestamp == maxMs);
    }

    /** The first record from {@code fromOffset} within the batch there whose timestamp matches. */
    private static Found firstRecord(Partition partition, long fromOffset, LongPredicate matches) {
        PartitionLog log = partition.log();
        long highWatermark = partition.highWatermark();
        if (fromOffset >= highWatermark) {
            return Found.NONE;
        }
        LogReadResult read = log.read(fromOffset, 1, highWatermark, true);
        MemoryRecords records;
        try {
            records = MemoryRecords.readableRecords(read.records().toHeapBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (RecordBatch batch : records.batches()) {
            for (Record record : batch) {
                if (record.offset() >= fromOffset && record.offset() < highWatermark && matches.test(record.timestamp())) {
                    return new Found(record.timestamp(), record.offset(), batch.partitionLeaderEpoch());
                }
            }
            // With LogAppendTime the batch's time stands for every record in it.
            if (batch.timestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                    && matches.test(batch.maxTimestamp())) {
                return new Found(batch.maxTimestamp(), Math.max(batch.baseOffset(), fromOffset), batch.partitionLeaderEpoch());
            }
        }
        return Found.NONE;
    }

    /** The leader epoch of the record at {@code offset}, from the epoch lineage; -1 when unknown. */
    static int epochAt(List<EpochEntry> entries, long offset) {
        int epoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
        for (EpochEntry entry : entries) {
            if (entry.startOffset() <= offset) {
                epoch = entry.epoch();
            }
        }
        return epoch;
    }
}
