package io.rafka.broker.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Which Netty transport the Kafka listeners use: the native epoll one where it loads (Linux),
 * otherwise NIO.
 *
 * <p>Why epoll: a catch-up consumer's 1 MiB-per-partition fetch responses leave the socket's send
 * buffer full many times per response. NIO then registers write interest, wakes through the JDK
 * selector and its key bookkeeping, and unregisters it again (two {@code epoll_ctl} calls per
 * wake-up); epoll is edge-triggered and calls sendfile natively for file regions.
 *
 * <p>Stateless, thread-safe.
 */
enum NettyTransport {
    EPOLL,
    NIO;

    /** Epoll when its native library loads here, NIO otherwise. */
    static NettyTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        return this == EPOLL
            ? new EpollEventLoopGroup(threads, threadFactory)
            : new NioEventLoopGroup(threads, threadFactory);
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
