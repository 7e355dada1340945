package io.rafka.broker.partition;

import io.rafka.log.FileSlice;
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
 *
 * <p>Immutable, thread-safe. With no transactions, the last stable offset equals the high watermark.
 */
public record PartitionRead(Errors error, FileSlice records, long highWatermark, long logStartOffset,
                            long logEndOffset) {

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
