package io.rafka.broker.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A slice of a segment file as a Netty {@code DefaultFileRegion}, which both transports send with
 * sendfile (NIO through {@code FileChannel.transferTo}, epoll natively), but which, unlike its
 * parent, leaves the file open when released: segment files belong to the log.
 *
 * <p>Not thread-safe: written by one connection's event loop.
 */
final class SegmentFileRegion extends DefaultFileRegion {

    SegmentFileRegion(FileChannel file, long position, long countBytes) {
        super(file, position, countBytes);
    }

    @Override
    protected void deallocate() {
        // The log closes its segment files (a deleted one after file.delete.delay.ms), not a response.
    }
}
