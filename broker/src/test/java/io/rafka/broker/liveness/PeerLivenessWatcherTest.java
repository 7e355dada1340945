package io.rafka.broker.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.Time;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real watcher against real sockets on loopback standing in for another broker's listener: only a refused
 * connect is proof that a broker is gone, and only the active controller's node says so.
 */
class PeerLivenessWatcherTest {

    private static final int LOCAL = 1;
    private static final int PEER = 2;
    private static final Duration QUIET = Duration.ofMillis(1_500);

    private final ConcurrentLinkedQueue<Integer> reports = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean activeController = new AtomicBoolean(true);
    private final AtomicReference<MetadataImage> image = new AtomicReference<>(MetadataImage.EMPTY);
    private ServerSocketChannel peerListener;
    private PeerLivenessWatcher watcher;

    @AfterEach
    void tearDown() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (peerListener != null) {
            peerListener.close();
        }
    }

    @Test
    void brokerWhoseListenerIsGoneIsReportedAtOnce() throws IOException {
        SocketChannel watched = startWatchingPeer();

        long closedAtNs = System.nanoTime();
        watched.close();
        peerListener.close();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reports.contains(PEER));
        assertThat(Duration.ofNanos(System.nanoTime() - closedAtNs)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void liveBrokerThatClosesAnIdleConnectionIsNotReported() throws IOException {
        SocketChannel watched = startWatchingPeer();

        watched.close();

        // The watcher reconnects to the listener that is still there: no proof of death, no report.
        try (SocketChannel reconnected = peerListener.accept()) {
            assertThat(reconnected).isNotNull();
            Awaitility.await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(reports::isEmpty);
        }
    }

    @Test
    void onlyTheActiveControllersNodeReports() throws IOException {
        activeController.set(false);
        SocketChannel watched = startWatchingPeer();
        watched.close();
        peerListener.close();

        Awaitility.await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(reports::isEmpty);

        // This node is elected controller later: it already knows, and reports without a new close.
        activeController.set(true);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reports.contains(PEER));
    }

    @Test
    void goneBrokerIsReportedAgainUntilTheImageShowsItFenced() throws IOException {
        SocketChannel watched = startWatchingPeer();
        watched.close();
        peerListener.close();

        // Repeated: a report sent to a controller that is about to lose leadership must reach the next one.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() >= 2);

        MetadataImage current = image.get();
        image.set(withBroker(current.brokers().get(PEER).withFenced(true)));
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !watcher.watchedBrokers().contains(PEER));
        int reportsWhenFenced = reports.size();
        Awaitility.await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> reports.size() == reportsWhenFenced);
    }

    @Test
    void fencedBrokersAndItselfAreNotWatched() throws IOException {
        peerListener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) peerListener.getLocalAddress()).getPort();
        image.set(new MetadataImage(1, Map.of(
            LOCAL, broker(LOCAL, port, false),
            PEER, broker(PEER, port, true)), Map.of(), Map.of(), Map.of(), 0));
        watcher = newWatcher();
        watcher.start();

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> watcher.loops() >= 3);
        assertThat(watcher.watchedBrokers()).isEmpty();
        peerListener.configureBlocking(false);
        Awaitility.await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> {
            try (SocketChannel accepted = peerListener.accept()) {
                return accepted == null;
            }
        });
    }

    /** A peer listener with the watcher connected to it; returns the peer's end of that connection. */
    private SocketChannel startWatchingPeer() throws IOException {
        peerListener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) peerListener.getLocalAddress()).getPort();
        image.set(withBroker(broker(PEER, port, false)));
        watcher = newWatcher();
        watcher.start();
        SocketChannel accepted = peerListener.accept();
        assertThat(reports).isEmpty();
        return accepted;
    }

    private PeerLivenessWatcher newWatcher() throws IOException {
        return new PeerLivenessWatcher(LOCAL, image::get, Optional.empty(), activeController::get, (brokerId, brokerEpoch) -> {
            reports.add(brokerId);
            return CompletableFuture.completedFuture(null);
        }, Time.SYSTEM, new PeerLivenessWatcher.Settings(20, 2_000, 50, 200));
    }

    private static MetadataImage withBroker(BrokerRegistration broker) {
        return new MetadataImage(1, Map.of(broker.id(), broker), Map.of(), Map.of(), Map.of(), 0);
    }

    private static BrokerRegistration broker(int id, int port, boolean fenced) {
        return new BrokerRegistration(id, "incarnation-" + id, 1, List.of(new Endpoint("PLAINTEXT", "127.0.0.1", port)),
            null, fenced, 0);
    }
}
