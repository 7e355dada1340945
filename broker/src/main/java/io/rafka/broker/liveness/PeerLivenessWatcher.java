package io.rafka.broker.liveness;

import io.rafka.broker.replica.BrokerAddresses;
import io.rafka.common.Time;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices within milliseconds that another broker's process is gone, so the controller can fence it long before
 * its session times out (DESIGN.md, "Fast, safe failure detection": a crashed process closes its sockets).
 *
 * <p>Every node keeps one idle TCP connection to the inter-broker listener of every other unfenced broker in the
 * metadata image. When a process dies its kernel closes that connection; the watcher reconnects at once, and a
 * <em>refused</em> connection — nobody listens on that port any more — is the proof that the broker is gone.
 * While this node is the active controller it reports such a peer ({@code BrokerConnectionClosed}) every
 * {@link Settings#reportIntervalMs} until the image shows the peer fenced; the controller fences it unless a
 * heartbeat arrives within its grace. A connect that times out or fails otherwise proves nothing (a paused
 * process, a network partition): those stay with the session timeout. Only the active controller's node
 * reports, because fencing should follow the controller's own view of a broker, not a third node's; the other
 * nodes keep their connections so that a newly elected controller already knows who is gone.
 *
 * <p>Peer states: DISCONNECTED -> CONNECTING -> CONNECTED -> (closed by the peer) DISCONNECTED, reconnecting at
 * once; a refused connect leaves the peer DISCONNECTED and <em>refused</em>, retried every
 * {@link Settings#retryIntervalMs} until it connects again or leaves the set of unfenced brokers.
 *
 * <p>Thread-safety: one daemon thread owns the selector, the channels and every peer's state; {@link #start} and
 * {@link #close} may be called from any thread.
 */
public final class PeerLivenessWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerLivenessWatcher.class);

    /**
     * @param pollIntervalMs    longest the watcher sleeps between looks at its peers and the image
     * @param connectTimeoutMs  a connect pending this long is abandoned: unreachable, which proves nothing
     * @param retryIntervalMs   pause before connecting again to a refusing or unreachable peer
     * @param reportIntervalMs  how often a refusing peer is reported again (a new controller must hear it too)
     */
    public record Settings(long pollIntervalMs, long connectTimeoutMs, long retryIntervalMs, long reportIntervalMs) {
        public static Settings defaults() {
            return new Settings(50, 5_000, 200, 500);
        }
    }

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    /** Sends BrokerConnectionClosed for one registration of a broker to the controller. */
    @FunctionalInterface
    public interface GoneReporter {
        CompletableFuture<?> report(int brokerId, long brokerEpoch);
    }

    /** One watched broker. Owned by the watcher thread. */
    private static final class Peer {
        final int brokerId;
        /** The registration watched: a new incarnation is a new peer, so reports never name the wrong one. */
        final long brokerEpoch;
        final InetSocketAddress address;
        State state = State.DISCONNECTED;
        SocketChannel channel;
        long connectStartedMs;
        long nextAttemptMs;
        /** Since when every connect has been refused; -1 when the last attempt did not prove the peer gone. */
        long refusedSinceMs = -1;
        long lastReportMs = Long.MIN_VALUE / 2;

        Peer(int brokerId, long brokerEpoch, InetSocketAddress address) {
            this.brokerId = brokerId;
            this.brokerEpoch = brokerEpoch;
            this.address = address;
        }
    }

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final Optional<String> listenerName;
    private final BooleanSupplier isActiveController;
    private final GoneReporter reportGone;
    private final Time time;
    private final Settings settings;
    private final Map<Integer, Peer> peers = new HashMap<>();
    private final ByteBuffer discard = ByteBuffer.allocate(512);
    private MetadataImage syncedImage;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;
    /** Snapshot of the watched broker ids, for tests and operators; written by the watcher thread only. */
    private volatile Set<Integer> watchedBrokers = Set.of();
    private volatile long loops;

    /**
     * @param reportGone sends BrokerConnectionClosed to the controller; failures are retried by reporting again
     *                   after {@link Settings#reportIntervalMs}
     */
    public PeerLivenessWatcher(int localBrokerId, Supplier<MetadataImage> image, Optional<String> listenerName,
                               BooleanSupplier isActiveController, GoneReporter reportGone,
                               Time time, Settings settings) throws IOException {
        this.localBrokerId = localBrokerId;
        this.image = image;
        this.listenerName = listenerName;
        this.isActiveController = isActiveController;
        this.reportGone = reportGone;
        this.time = time;
        this.settings = settings;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "rafka-peer-liveness-" + localBrokerId);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                selector.select(settings.pollIntervalMs());
                long nowMs = time.milliseconds();
                handleReadyChannels(nowMs);
                syncPeers(image.get(), nowMs);
                for (Peer peer : peers.values()) {
                    maintain(peer, nowMs);
                }
                loops++;
            }
        } catch (IOException | RuntimeException e) {
            // Losing the watcher costs speed, not safety: the session timeout still fences dead brokers.
            log.error("Peer liveness watcher of broker {} stopped; dead brokers are now fenced by session timeout only",
                localBrokerId, e);
        } finally {
            peers.values().forEach(PeerLivenessWatcher::closeChannel);
        }
    }

    private void handleReadyChannels(long nowMs) {
        Set<SelectionKey> ready = selector.selectedKeys();
        for (Iterator<SelectionKey> it = ready.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            Peer peer = (Peer) key.attachment();
            if (!key.isValid() || peer.channel != key.channel()) {
                continue;
            }
            if (key.isConnectable()) {
                finishConnect(peer, key, nowMs);
            } else if (key.isReadable()) {
                readOrNoticeClose(peer, nowMs);
            }
        }
    }

    /** Watches exactly the unfenced brokers other than this one, at their current addresses. */
    private void syncPeers(MetadataImage current, long nowMs) {
        if (current == syncedImage) {
            return; // images are immutable: nothing to do (and no address to resolve again) until a new one
        }
        syncedImage = current;
        Map<Integer, Peer> wanted = new HashMap<>();
        for (BrokerRegistration broker : current.brokers().values()) {
            if (broker.id() != localBrokerId && !broker.fenced()) {
                BrokerAddresses.interBroker(broker, listenerName)
                    .ifPresent(address -> wanted.put(broker.id(), new Peer(broker.id(), broker.epoch(), address)));
            }
        }
        for (Iterator<Peer> it = peers.values().iterator(); it.hasNext(); ) {
            Peer peer = it.next();
            Peer want = wanted.get(peer.brokerId);
            if (want == null || want.brokerEpoch != peer.brokerEpoch || !want.address.equals(peer.address)) {
                closeChannel(peer);
                it.remove();
            }
        }
        wanted.forEach((brokerId, peer) -> peers.computeIfAbsent(brokerId, id -> {
            peer.nextAttemptMs = nowMs;
            return peer;
        }));
        if (!watchedBrokers.equals(peers.keySet())) {
            watchedBrokers = Set.copyOf(peers.keySet());
        }
    }

    /** The brokers watched now: every unfenced broker in the image but this one. */
    public Set<Integer> watchedBrokers() {
        return watchedBrokers;
    }

    /** Rounds of the watcher loop so far (tests wait on it instead of sleeping). */
    long loops() {
        return loops;
    }

    private void maintain(Peer peer, long nowMs) {
        if (peer.state == State.DISCONNECTED && nowMs >= peer.nextAttemptMs) {
            startConnect(peer, nowMs);
        } else if (peer.state == State.CONNECTING && nowMs - peer.connectStartedMs >= settings.connectTimeoutMs()) {
            unreachable(peer, nowMs, "no answer to connect within " + settings.connectTimeoutMs() + " ms");
        }
        if (peer.refusedSinceMs >= 0 && nowMs - peer.lastReportMs >= settings.reportIntervalMs()
                && isActiveController.getAsBoolean()) {
            peer.lastReportMs = nowMs;
            log.debug("Reporting broker {} as gone to the controller", peer.brokerId);
            reportGone.report(peer.brokerId, peer.brokerEpoch).whenComplete((response, error) -> {
                if (error != null) {
                    log.debug("Reporting broker {} as gone failed (retried): {}", peer.brokerId, error.toString());
                }
            });
        }
    }

    private void startConnect(Peer peer, long nowMs) {
        try {
            SocketChannel channel = SocketChannel.open();
            peer.channel = channel;
            channel.configureBlocking(false);
            peer.connectStartedMs = nowMs;
            if (channel.connect(peer.address)) {
                channel.register(selector, SelectionKey.OP_READ, peer);
                connected(peer);
            } else {
                peer.state = State.CONNECTING;
                channel.register(selector, SelectionKey.OP_CONNECT, peer);
            }
        } catch (ConnectException e) {
            refused(peer, nowMs);
        } catch (IOException e) {
            unreachable(peer, nowMs, e.toString());
        }
    }

    private void finishConnect(Peer peer, SelectionKey key, long nowMs) {
        try {
            if (peer.channel.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                connected(peer);
            }
        } catch (ConnectException e) {
            refused(peer, nowMs);
        } catch (IOException e) {
            unreachable(peer, nowMs, e.toString());
        }
    }

    /** The peer never writes to this connection; end of stream or an error means the peer closed it. */
    private void readOrNoticeClose(Peer peer, long nowMs) {
        int read;
        try {
            discard.clear();
            read = peer.channel.read(discard);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            log.debug("Broker {} closed the liveness connection; reconnecting to see whether it is gone", peer.brokerId);
            closeChannel(peer);
            peer.nextAttemptMs = nowMs;
        }
    }

    private void connected(Peer peer) {
        peer.state = State.CONNECTED;
        if (peer.refusedSinceMs >= 0) {
            log.info("Broker {} at {} accepts connections again", peer.brokerId, peer.address);
        }
        peer.refusedSinceMs = -1;
    }

    private void refused(Peer peer, long nowMs) {
        closeChannel(peer);
        peer.nextAttemptMs = nowMs + settings.retryIntervalMs();
        if (peer.refusedSinceMs < 0) {
            peer.refusedSinceMs = nowMs;
            log.info("Broker {} at {} refuses connections: its process is gone{}", peer.brokerId, peer.address,
                isActiveController.getAsBoolean() ? "; reporting it to the controller" : "");
        }
    }

    private void unreachable(Peer peer, long nowMs, String why) {
        closeChannel(peer);
        peer.nextAttemptMs = nowMs + settings.retryIntervalMs();
        peer.refusedSinceMs = -1;
        log.debug("Broker {} at {} unreachable ({}); left to the session timeout", peer.brokerId, peer.address, why);
    }

    private static void closeChannel(Peer peer) {
        peer.state = State.DISCONNECTED;
        if (peer.channel != null) {
            try {
                peer.channel.close();
            } catch (IOException e) {
                // Closing a socket we are abandoning: nothing to do.
            }
            peer.channel = null;
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing the liveness selector failed", e);
        }
    }
}
