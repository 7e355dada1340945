package io.rafka.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rafka.broker.config.Endpoint;
import io.rafka.common.Checks;
import io.rafka.common.Time;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka-protocol server: binds every listener, frames requests, dispatches them to the
 * {@link ApiHandlerRegistry} on the request-handler pool and writes responses in request order.
 *
 * <p>Pipeline per connection: {@code IdleStateHandler} ({@code connections.max.idle.ms}), {@link RequestFrameDecoder} (size prefix, {@code socket.request.max.bytes})
 * then {@link ConnectionHandler} (parse, dispatch, order, back-pressure). Threads: one acceptor,
 * {@code num.network.threads} Netty event loops, {@code num.io.threads} request handlers.
 *
 * <p>Lifecycle: NEW -> (start) -> RUNNING -> (close) -> CLOSED; {@code close} from NEW is allowed
 * and a second {@code close} does nothing. A server cannot be restarted.
 *
 * <p>Thread-safe: lifecycle methods are synchronized; {@link #boundAddress} may be read from any
 * thread once {@link #start} returned.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);
    private static final long SHUTDOWN_QUIET_MS = 0;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final NetworkSettings settings;
    private final ApiHandlerRegistry registry;
    private final Time time;
    private final NettyTransport transport;
    private final AtomicLong connectionSerial = new AtomicLong();

    private State state = State.NEW;
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup networkGroup;
    private RequestDispatcher dispatcher;
    private ChannelGroup channels;
    private final java.util.List<Channel> listenerChannels = new java.util.ArrayList<>();
    /** Listener name to bound address; published once by {@link #start}. */
    private volatile Map<String, InetSocketAddress> boundAddresses = Map.of();

    public KafkaServer(NetworkSettings settings, ApiHandlerRegistry registry, Time time) {
        this(settings, registry, time, NettyTransport.best());
    }

    KafkaServer(NetworkSettings settings, ApiHandlerRegistry registry, Time time, NettyTransport transport) {
        this.settings = settings;
        this.registry = registry;
        this.time = time;
        this.transport = transport;
    }

    /**
     * Binds every listener; returns once all accept connections.
     *
     * @throws ListenerBindException if a listener cannot be bound (everything already bound is released)
     */
    public synchronized void start() {
        bind();
        enableRequestProcessing();
    }

    /**
     * Binds every listener without accepting connections yet (the kernel queues them in the backlog),
     * so the real ports are known before the node may serve: a restarting broker replays the metadata
     * log through stale states (it may briefly believe it leads a partition it led before the crash)
     * and must not answer a client until it has caught up. {@link #enableRequestProcessing} opens it.
     *
     * @throws ListenerBindException if a listener cannot be bound (everything already bound is released)
     */
    public synchronized void bind() {
        Checks.check(state == State.NEW, "start() in state %s", state);
        state = State.RUNNING;
        acceptorGroup = transport.newEventLoopGroup(1, RequestDispatcher.namedThreads("rafka-acceptor-"));
        networkGroup = transport.newEventLoopGroup(settings.networkThreads(),
            RequestDispatcher.namedThreads("rafka-network-"));
        dispatcher = new RequestDispatcher(registry, settings.ioThreads());
        channels = new DefaultChannelGroup("rafka-connections", GlobalEventExecutor.INSTANCE);
        RequestParser parser = new RequestParser(registry);

        Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
        for (Endpoint endpoint : settings.listeners()) {
            InetSocketAddress address = endpoint.bindsAllInterfaces()
                ? new InetSocketAddress(endpoint.port())
                : new InetSocketAddress(endpoint.host(), endpoint.port());
            Channel serverChannel;
            try {
                serverChannel = bootstrap(endpoint.listenerName(), parser).bind(address).sync().channel();
            } catch (Exception e) {
                close();
                throw new ListenerBindException(endpoint, e);
            }
            channels.add(serverChannel);
            listenerChannels.add(serverChannel);
            bound.put(endpoint.listenerName(), (InetSocketAddress) serverChannel.localAddress());
            log.info("Listening for Kafka clients on {} ({})", serverChannel.localAddress(), endpoint);
        }
        boundAddresses = Collections.unmodifiableMap(bound);
    }

    /** Starts accepting connections on every bound listener. Idempotent. */
    public synchronized void enableRequestProcessing() {
        Checks.check(state == State.RUNNING, "enableRequestProcessing() in state %s", state);
        for (Channel listener : listenerChannels) {
            listener.config().setAutoRead(true);
        }
    }

    private ServerBootstrap bootstrap(String listenerName, RequestParser parser) {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptorGroup, networkGroup)
            .channel(transport.serverChannelClass())
            // The listener accepts only once enableRequestProcessing() says the node may serve.
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channels.add(channel);
                    String connectionId = channel.localAddress() + "-" + channel.remoteAddress() + "-"
                        + connectionSerial.getAndIncrement();
                    channel.pipeline()
                        .addLast("idle", new IdleStateHandler(0, 0, settings.connectionMaxIdleMs(), TimeUnit.MILLISECONDS))
                        .addLast("frames", new RequestFrameDecoder(settings.requestMaxBytes()))
                        .addLast("requests", new ConnectionHandler(parser, dispatcher, time, listenerName,
                            settings.maxInflightRequestsPerConnection(), connectionId));
                }
            });
        if (settings.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
        }
        if (settings.receiveBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        }
        return bootstrap;
    }

    /** Address bound for {@code listenerName}; with port 0 configured, this holds the real port. */
    public InetSocketAddress boundAddress(String listenerName) {
        InetSocketAddress address = boundAddresses.get(listenerName);
        Checks.check(address != null, "listener %s is not bound (bound: %s)", listenerName, boundAddresses.keySet());
        return address;
    }

    public int boundPort(String listenerName) {
        return boundAddress(listenerName).getPort();
    }

    /** Every bound listener, in configuration order. */
    public Map<String, InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    /** Open client connections plus listening sockets; for tests and metrics. */
    public int openChannels() {
        ChannelGroup group = channels;
        return group == null ? 0 : group.size();
    }

    /** Stops accepting, closes every connection, lets running handlers finish (bounded wait). */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (channels != null) {
            channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        if (acceptorGroup != null) {
            acceptorGroup.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
            networkGroup.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
        boundAddresses = Map.of();
        log.info("Kafka server stopped");
    }
}
