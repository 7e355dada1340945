package io.rafka.log;

import io.rafka.common.Checks;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A run of whole record batches inside one segment file, ready to be sent without copying
 * ({@link #transferTo}, or Netty's {@code DefaultFileRegion(channel(), position(), sizeBytes())})
 * or copied to the heap ({@link #readInto}, {@link #toHeapBuffer}).
 *
 * <p>Immutable and thread-safe. The bytes are those of the file when the read happened; a segment
 * deleted afterwards stays readable for {@code file.delete.delay.ms}, after which sending fails
 * with {@link java.nio.channels.ClosedChannelException}.
 */
public final class FileSlice {

    private static final FileSlice EMPTY = new FileSlice(null, 0, 0);

    private final FileChannel channel;
    private final long position;
    private final int sizeBytes;

    public FileSlice(FileChannel channel, long position, int sizeBytes) {
        Checks.check(position >= 0 && sizeBytes >= 0, "bad slice position %s size %s", position, sizeBytes);
        this.channel = channel;
        this.position = position;
        this.sizeBytes = sizeBytes;
    }

    public static FileSlice empty() {
        return EMPTY;
    }

    /** The segment file; null only for the empty slice. */
    public FileChannel channel() {
        return channel;
    }

    public long position() {
        return position;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public boolean isEmpty() {
        return sizeBytes == 0;
    }

    /**
     * Sends the whole slice to {@code target} with {@code FileChannel.transferTo} (sendfile on
     * Linux). Loops until done, so a non-blocking target must be writable or this spins; the
     * broker uses Netty's {@code FileRegion} instead for those.
     */
    public long transferTo(WritableByteChannel target) throws IOException {
        long sentBytes = 0;
        while (sentBytes < sizeBytes) {
            sentBytes += channel.transferTo(position + sentBytes, sizeBytes - sentBytes, target);
        }
        return sentBytes;
    }

    /** Copies the slice into {@code destination}, which must have {@link #sizeBytes()} bytes free. */
    public void readInto(ByteBuffer destination) throws IOException {
        Checks.check(destination.remaining() >= sizeBytes, "buffer has %s bytes free, slice needs %s",
                destination.remaining(), sizeBytes);
        int readBytes = 0;
        while (readBytes < sizeBytes) {
            ByteBuffer window = destination.duplicate();
            window.limit(window.position() + sizeBytes - readBytes);
            int n = channel.read(window, position + readBytes);
            if (n < 0) {
                throw new EOFException("slice [" + position + ", " + (position + sizeBytes) + ") runs past the end of its file");
            }
            destination.position(destination.position() + n);
            readBytes += n;
        }
    }

    /** A heap copy of the slice, positioned at 0 and limited to its size. */
    public ByteBuffer toHeapBuffer() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(sizeBytes);
        if (sizeBytes > 0) {
            readInto(buffer);
        }
        return buffer.flip();
    }

    @Override
    public String toString() {
        return "FileSlice(position=" + position + ", sizeBytes=" + sizeBytes + ")";
    }
}
