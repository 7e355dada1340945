package io.rafka.log.testkit;

import io.rafka.log.LogReadResult;
import io.rafka.log.PartitionLog;
import io.rafka.log.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole log back through its public read path, batch by batch. */
public final class LogContents {

    private LogContents() {}

    /** Every batch from the log start to the log end, each as its own heap buffer. */
    public static List<ByteBuffer> batches(PartitionLog log) {
        List<ByteBuffer> batches = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            LogReadResult result = log.read(next, 64 * 1024, Long.MAX_VALUE, true);
            ByteBuffer heap;
            try {
                heap = result.records().toHeapBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!heap.hasRemaining()) {
                throw new AssertionError("empty read at offset " + next + " below log end " + log.logEndOffset());
            }
            int position = 0;
            while (position < heap.limit()) {
                RecordBatch batch = RecordBatch.at(heap, position);
                if (!batch.isCrcValid()) {
                    throw new AssertionError("log served a batch with a bad CRC: " + batch);
                }
                ByteBuffer copy = ByteBuffer.allocate(batch.sizeBytes());
                copy.put(heap.duplicate().position(position).limit(position + batch.sizeBytes())).flip();
                batches.add(copy);
                next = batch.nextOffset();
                position += batch.sizeBytes();
            }
        }
        return batches;
    }

    public static List<Long> baseOffsets(PartitionLog log) {
        List<Long> offsets = new ArrayList<>();
        for (ByteBuffer batch : batches(log)) {
            offsets.add(RecordBatch.at(batch, 0).baseOffset());
        }
        return offsets;
    }
}
