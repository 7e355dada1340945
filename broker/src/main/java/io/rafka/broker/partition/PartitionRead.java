package io.rafka.broker.partition;

import io.rafka.log.FileSlice;
import io.rafka.replication.EpochEndOffset;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/**
 * What one partition's read returned, in the terms of a FetchResponse partition. The records are a
 * slice of a segment file, not yet copied anywhere.
 *
 * @param error          {@link Errors#NONE}, or why nothing was read
 * @param records        whole batches (possibly none)
 * @param highWatermark  the partition's high watermark when read; -1 on error
 * @param logStartOffset -1 on error
 * @param logEndOffset   -1 on error
 * @param divergingEpoch for a follower whose log diverges from the leader's (KIP-320): the leader's
 *                       end offset for the follower's last epoch, returned instead of records
 *
 * <p>Immutable, thread-safe. With no transactions, the last stable offset equals the high watermark.
 */
public record PartitionRead(Errors error, FileSlice records, long highWatermark, long logStartOffset,
                            long logEndOffset, Optional<EpochEndOffset> divergingEpoch) {

    public PartitionRead(Errors error, FileSlice records, long highWatermark, long logStartOffset, long logEndOffset) {
        this(error, records, highWatermark, logStartOffset, logEndOffset, Optional.empty());
    }

    /** A follower's fetch whose tail diverges: no records, the leader's end for its epoch instead. */
    public static PartitionRead diverging(EpochEndOffset leaderEnd, long highWatermark, long logStartOffset,
                                          long logEndOffset) {
        return new PartitionRead(Errors.NONE, FileSlice.empty(), highWatermark, logStartOffset, logEndOffset,
            Optional.of(leaderEnd));
    }

    public static PartitionRead failed(Errors error) {
        return new PartitionRead(error, FileSlice.empty(), -1, -1, -1);
    }

    public static PartitionRead outOfRange(long logStartOffset, long logEndOffset, long highWatermark) {
        return new PartitionRead(Errors.OFFSET_OUT_OF_RANGE, FileSlice.empty(), highWatermark, logStartOffset,
            logEndOffset);
    }

    public int sizeBytes() {
        return records.sizeBytes();
    }
}
