package io.rafka.broker.handler.data;

import io.rafka.broker.network.FileBackedRecords;
import io.rafka.log.FileSlice;
import java.nio.channels.FileChannel;
import java.io.IOException;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.RecordsSend;

/**
 * Fetched record batches left in their segment file: the Fetch response carries the file slice and
 * the network layer sends it as a file region (sendfile), so the bytes never enter the heap. The
 * slice holds whole batches exactly as stored (the log engine validated them on append).
 * {@link #toSend()} is kafka-clients' way to send the same bytes, for anything that serializes the
 * response with its {@code SendBuilder}.
 *
 * <p>Immutable and thread-safe; each {@link #toSend()} is a new, single-use send.
 */
final class FileSliceRecords implements FileBackedRecords {

    private final FileSlice slice;

    FileSliceRecords(FileSlice slice) {
        this.slice = slice;
    }

    @Override
    public FileChannel channel() {
        return slice.channel();
    }

    @Override
    public long position() {
        return slice.position();
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
