package io.rafka.broker.handler.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;

/**
 * An in-memory {@code __consumer_offsets}: each partition a list of batches with offsets assigned on append, every
 * append committed at once. Loading can be held back with {@link #holdLoads()} to observe a coordinator that is
 * still loading.
 *
 * <p>Thread-safe (synchronized).
 */
final class InMemoryOffsetsTopic implements OffsetsTopicAppender, OffsetsTopicReader {

    private final Map<Integer, List<ByteBuffer>> batches = new HashMap<>();
    private final Map<Integer, Long> endOffsets = new HashMap<>();
    private volatile CompletableFuture<Void> loadGate = CompletableFuture.completedFuture(null);
    private volatile Errors appendError = Errors.NONE;

    void holdLoads() {
        loadGate = new CompletableFuture<>();
    }

    void releaseLoads() {
        loadGate.complete(null);
    }

    void failAppendsWith(Errors error) {
        appendError = error;
    }

    synchronized int batchCount(int partition) {
        return batches.getOrDefault(partition, List.of()).size();
    }

    @Override
    public synchronized CompletableFuture<Errors> append(int partition, ByteBuffer v2Batch) {
        if (appendError != Errors.NONE) {
            return CompletableFuture.completedFuture(appendError);
        }
        ByteBuffer copy = ByteBuffer.allocate(v2Batch.remaining()).put(v2Batch.duplicate()).flip();
        MutableRecordBatch batch = MemoryRecords.readableRecords(copy).batches().iterator().next();
        long baseOffset = endOffsets.getOrDefault(partition, 0L);
        long count = batch.lastOffset() - batch.baseOffset() + 1;
        batch.setLastOffset(baseOffset + count - 1);
        batches.computeIfAbsent(partition, p -> new ArrayList<>()).add(copy);
        endOffsets.put(partition, baseOffset + count);
        return CompletableFuture.completedFuture(Errors.NONE);
    }

    @Override
    public long logStartOffset(int partition) {
        loadGate.join();
        return 0;
    }

    @Override
    public synchronized long highWatermark(int partition) {
        return endOffsets.getOrDefault(partition, 0L);
    }

    @Override
    public synchronized ByteBuffer read(int partition, long startOffset, int maxBytes) {
        for (ByteBuffer batch : batches.getOrDefault(partition, List.of())) {
            MutableRecordBatch header = MemoryRecords.readableRecords(batch.duplicate()).batches().iterator().next();
            if (header.lastOffset() >= startOffset) {
                return batch.duplicate();
            }
        }
        return ByteBuffer.allocate(0);
    }
}
