package io.rafka.log.record;

import io.rafka.log.CorruptRecordException;
import io.rafka.log.InvalidRecordException;
import io.rafka.log.RecordTooLargeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an append buffer into batches and checks each one before anything is written: the
 * length fits the buffer and is at least a header, magic is 2, the CRC32C matches, the size is
 * within {@code max.message.bytes}, and the batch holds records. Any failure rejects the whole
 * append with a typed error, so a partial append never happens.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchValidator {

    private BatchValidator() {}

    /**
     * @param maxBatchBytes largest accepted batch ({@code max.message.bytes}); followers pass
     *     {@code Integer.MAX_VALUE} because the leader has already enforced its own limit
     * @param requireDenseOffsets whether {@code lastOffsetDelta} must equal {@code recordCount - 1},
     *     true for client batches (a producer never leaves holes)
     */
    public static List<RecordBatch> validate(ByteBuffer buffer, int maxBatchBytes, boolean requireDenseOffsets) {
        List<RecordBatch> batches = new ArrayList<>();
        int position = buffer.position();
        int end = buffer.limit();
        if (position == end) {
            throw new InvalidRecordException("append holds no record batch");
        }
        while (position < end) {
            RecordBatch batch = validateOne(buffer, position, end, maxBatchBytes, requireDenseOffsets);
            batches.add(batch);
            position += batch.sizeBytes();
        }
        return batches;
    }

    private static RecordBatch validateOne(ByteBuffer buffer, int position, int end, int maxBatchBytes,
                                           boolean requireDenseOffsets) {
        int remainingBytes = end - position;
        if (remainingBytes < RecordBatch.HEADER_SIZE_BYTES) {
            throw new CorruptRecordException("batch at buffer position " + position + " has only " + remainingBytes
                    + " bytes, less than the " + RecordBatch.HEADER_SIZE_BYTES + "-byte header");
        }
        RecordBatch batch = RecordBatch.at(buffer, position);
        long sizeBytes = RecordBatch.LOG_OVERHEAD_BYTES + (long) batch.batchLength();
        if (sizeBytes < RecordBatch.HEADER_SIZE_BYTES || sizeBytes > remainingBytes) {
            throw new CorruptRecordException("batch at buffer position " + position + " declares " + sizeBytes
                    + " bytes but " + remainingBytes + " remain (minimum " + RecordBatch.HEADER_SIZE_BYTES + ")");
        }
        if (batch.magic() != RecordBatch.MAGIC_V2) {
            throw new InvalidRecordException("batch at buffer position " + position + " has magic " + batch.magic()
                    + "; only magic 2 is supported");
        }
        if (sizeBytes > maxBatchBytes) {
            throw new RecordTooLargeException("batch of " + sizeBytes + " bytes exceeds max.message.bytes=" + maxBatchBytes);
        }
        long computedCrc = batch.computeCrc();
        if (computedCrc != batch.storedCrc()) {
            throw new CorruptRecordException("batch at buffer position " + position + " has CRC " + batch.storedCrc()
                    + " but its bytes hash to " + computedCrc);
        }
        if (batch.recordCount() <= 0) {
            throw new InvalidRecordException("batch at buffer position " + position + " has record count " + batch.recordCount());
        }
        boolean deltaConsistent = requireDenseOffsets
                ? batch.lastOffsetDelta() == batch.recordCount() - 1
                : batch.lastOffsetDelta() >= batch.recordCount() - 1;
        if (!deltaConsistent) {
            throw new InvalidRecordException("batch at buffer position " + position + " has lastOffsetDelta "
                    + batch.lastOffsetDelta() + " for " + batch.recordCount() + " records");
        }
        return batch;
    }
}
