package io.rafka.broker.handler.data;

import io.rafka.log.FileSlice;
import java.io.IOException;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.RecordsSend;

/**
 * Fetched record batches left in their segment file: the Fetch response carries the file slice and
 * the network layer sends it with {@code FileChannel.transferTo}, so the bytes never enter the heap.
 * The slice holds whole batches exactly as stored (the log engine validated them on append).
 *
 * <p>Immutable and thread-safe; each {@link #toSend()} is a new, single-use send.
 */
final class FileSliceRecords implements BaseRecords {

    private final FileSlice slice;

    FileSliceRecords(FileSlice slice) {
        this.slice = slice;
    }

    @Override
    public int sizeInBytes() {
        return slice.sizeBytes();
    }

    @Override
    public RecordsSend<FileSliceRecords> toSend() {
        return new RecordsSend<>(this, slice.sizeBytes()) {
            @Override
            protected int writeTo(TransferableChannel channel, int previouslyWrittenBytes, int remainingBytes)
                    throws IOException {
                return (int) channel.transferFrom(slice.channel(), slice.position() + previouslyWrittenBytes,
                    remainingBytes);
            }
        };
    }

    @Override
    public String toString() {
        return "FileSliceRecords(" + slice + ")";
    }
}
