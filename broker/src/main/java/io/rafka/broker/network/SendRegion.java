package io.rafka.broker.network;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;

/**
 * A kafka-clients {@link Send} (a whole response frame, size prefix included) as a Netty
 * {@link FileRegion}, so that record data backed by segment files goes from the page cache to the
 * socket with {@code FileChannel.transferTo} (sendfile) instead of through the heap.
 *
 * <p>The Send keeps its own progress; Netty calls {@link #transferTo} until {@link #transferred()}
 * reaches {@link #count()}. Not thread-safe: written by the connection's event loop only.
 */
final class SendRegion extends AbstractReferenceCounted implements FileRegion {

    private final Send send;
    private final long sizeBytes;
    private long transferredBytes;

    SendRegion(Send send) {
        this.send = send;
        this.sizeBytes = send.size();
    }

    @Override
    public long position() {
        return 0;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferredBytes;
    }

    @Override
    public long transferred() {
        return transferredBytes;
    }

    @Override
    public long count() {
        return sizeBytes;
    }

    /** Writes what the socket takes now; {@code position} is where Netty believes it is, always ours. */
    @Override
    public long transferTo(WritableByteChannel target, long position) throws IOException {
        long written = send.writeTo(new SocketTransfer(target));
        transferredBytes += written;
        return written;
    }

    @Override
    public FileRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public FileRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FileRegion touch() {
        return this;
    }

    @Override
    public FileRegion touch(Object hint) {
        return this;
    }

    @Override
    protected void deallocate() {
        // Nothing owned: segment files belong to the log, which keeps deleted ones open for a while.
    }

    /** Kafka's channel view of the socket Netty hands us: plain writes, and sendfile for file data. */
    private static final class SocketTransfer implements TransferableChannel {
        private final WritableByteChannel socket;

        SocketTransfer(WritableByteChannel socket) {
            this.socket = socket;
        }

        @Override
        public boolean hasPendingWrites() {
            return false;
        }

        @Override
        public long transferFrom(FileChannel file, long position, long count) throws IOException {
            return file.transferTo(position, count, socket);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            if (socket instanceof GatheringByteChannel gathering) {
                return gathering.write(sources, offset, length);
            }
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                int wrote = socket.write(sources[i]);
                written += wrote;
                if (sources[i].hasRemaining()) {
                    break;
                }
            }
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources) throws IOException {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return socket.write(source);
        }

        @Override
        public boolean isOpen() {
            return socket.isOpen();
        }

        @Override
        public void close() {
            // The socket belongs to Netty.
        }
    }
}
