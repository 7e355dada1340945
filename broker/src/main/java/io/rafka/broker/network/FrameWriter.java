package io.rafka.broker.network;

import io.netty.buffer.Unpooled;
import io.rafka.common.Checks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Lays out one response frame as the Netty messages to write, in order: every field goes into one
 * heap buffer, which is cut wherever a records field sits; file-backed records become a
 * {@link SegmentFileRegion} and in-memory records a buffer of their own, so record data is never
 * copied. The same idea as kafka-clients' {@code SendBuilder}, for Netty.
 *
 * <p>Sized up front from a {@code MessageSizeAccumulator}: the heap buffer holds exactly
 * {@code sizeExcludingZeroCopy} bytes (plus the size prefix), which {@link #parts} checks.
 *
 * <p>Not thread-safe: one per response, used by one thread.
 */
final class FrameWriter extends ByteBufferAccessor {

    private final ByteBuffer heap;
    private final List<Object> parts = new ArrayList<>(1);
    /** Start of the heap bytes not yet cut into a part. */
    private int uncutFrom;

    FrameWriter(int heapSizeBytes) {
        this(ByteBuffer.allocate(heapSizeBytes));
    }

    private FrameWriter(ByteBuffer heap) {
        super(heap);
        this.heap = heap;
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records.sizeInBytes() == 0) {
            return; // the length prefix was written by the caller; nothing follows it
        }
        cutHeapPart();
        if (records instanceof FileBackedRecords inFile) {
            parts.add(new SegmentFileRegion(inFile.channel(), inFile.position(), inFile.sizeInBytes()));
        } else if (records instanceof MemoryRecords inMemory) {
            parts.add(Unpooled.wrappedBuffer(inMemory.buffer().duplicate()));
        } else {
            throw new IllegalArgumentException("cannot write records of type " + records.getClass().getName());
        }
    }

    /** The frame's messages: heap buffers and file regions, to be written in this order. */
    List<Object> parts() {
        Checks.check(!heap.hasRemaining(), "response laid out %s of the %s heap bytes its size promised",
            heap.position(), heap.capacity());
        cutHeapPart();
        return parts;
    }

    private void cutHeapPart() {
        if (heap.position() > uncutFrom) {
            parts.add(Unpooled.wrappedBuffer(heap.array(), uncutFrom, heap.position() - uncutFrom));
            uncutFrom = heap.position();
        }
    }
}
