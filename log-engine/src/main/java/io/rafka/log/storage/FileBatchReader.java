package io.rafka.log.storage;

import io.rafka.log.record.RecordBatch;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Positional reads of batch headers and batch checksums from a segment file.
 *
 * <p>Stateless and thread-safe: every call allocates its own small buffer and uses positional
 * reads, which {@link FileChannel} allows concurrently.
 */
final class FileBatchReader {

    private static final int CRC_CHUNK_BYTES = 64 * 1024;

    private FileBatchReader() {}

    /** The header at {@code position}; the caller has checked that a whole header lies before the end. */
    static RecordBatch readHeader(FileChannel channel, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE_BYTES);
        readFully(channel, header, position);
        return RecordBatch.at(header, 0);
    }

    /** CRC32C of the covered bytes of the batch at {@code position} whose header is {@code header}. */
    static long computeCrc(FileChannel channel, long position, RecordBatch header) throws IOException {
        CRC32C crc = new CRC32C();
        long from = position + RecordBatch.ATTRIBUTES_OFFSET;
        long end = position + header.sizeBytes();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CRC_CHUNK_BYTES, end - from));
        while (from < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - from));
            readFully(channel, chunk, from);
            chunk.flip();
            from += chunk.remaining();
            crc.update(chunk);
        }
        return crc.getValue();
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("unexpected end of file at position " + at);
            }
            at += n;
        }
    }
}
