package io.rafka.broker.node;

import io.rafka.broker.partition.ReplicaManager;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's membership in the cluster, as the controller sees it: registration (a fresh
 * incarnation id each start, which gets a broker epoch), heartbeats every
 * {@code broker.heartbeat.interval.ms} carrying the applied metadata offset and a (last leader epoch,
 * log end offset) report per hosted replica, and the controlled shutdown that fences it on close.
 *
 * <p>States: NEW -> (register) REGISTERED (fenced) -> (a heartbeat answered unfenced) UNFENCED;
 * any -> (controlledShutdown / close) STOPPED. While fenced, heartbeats go out every
 * {@link #FENCED_HEARTBEAT_MS}, so start-up does not wait a whole interval to be unfenced.
 *
 * <p>Thread-safe: one heartbeat in flight at a time, chained on a single scheduler thread; the state
 * fields are volatile.
 */
final class BrokerLifecycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerLifecycle.class);
    static final long FENCED_HEARTBEAT_MS = 50;
    private static final long REGISTRATION_IN_IMAGE_POLL_MS = 2;

    private final int brokerId;
    private final ControllerClient controller;
    private final ReplicaManager replicaManager;
    private final long heartbeatIntervalMs;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch unfenced = new CountDownLatch(1);

    private volatile long brokerEpoch = -1;
    private final java.util.concurrent.atomic.AtomicLong heartbeatsAnswered = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stopped;
    private volatile boolean wantShutdown;

    BrokerLifecycle(int brokerId, ControllerClient controller, ReplicaManager replicaManager, long heartbeatIntervalMs) {
        this.brokerId = brokerId;
        this.controller = controller;
        this.replicaManager = replicaManager;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rafka-broker-heartbeat-" + brokerId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers with the controller (which retries internally until one is active) and starts
     * heartbeating.
     *
     * @throws BrokerRegistrationException if the controller refuses, or does not answer in {@code timeoutMs}
     */
    void register(List<Endpoint> endpoints, long timeoutMs) {
        String incarnationId = UUID.randomUUID().toString();
        RegisterBroker.Response response;
        try {
            response = controller.registerBroker(new RegisterBroker.Request(brokerId, incarnationId, endpoints, null))
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BrokerRegistrationException("no answer from the controller within " + timeoutMs + " ms", e);
        } catch (Exception e) {
            throw new BrokerRegistrationException("registration failed: " + e, e);
        }
        if (!response.error().isSuccess()) {
            throw new BrokerRegistrationException("the controller refused broker " + brokerId + ": " + response.error(), null);
        }
        brokerEpoch = response.brokerEpoch();
        log.info("Registered broker {} (incarnation {}, epoch {}) with endpoints {}", brokerId, incarnationId,
            brokerEpoch, endpoints);
        scheduler.execute(() -> sendFirstHeartbeat(FENCED_HEARTBEAT_MS / REGISTRATION_IN_IMAGE_POLL_MS));
    }

    /**
     * The controller unfences a broker only once a heartbeat reports a metadata offset that includes the
     * broker's own registration. The registration is answered on commit, a moment before this node has applied
     * it: a heartbeat sent at once would be answered "fenced" and the next one would go a whole
     * {@link #FENCED_HEARTBEAT_MS} later. So the first heartbeat waits (a few ms, at most about that long) for
     * the registration to reach the local image.
     */
    private void sendFirstHeartbeat(long pollsLeft) {
        BrokerRegistration registered = replicaManager.image().broker(brokerId);
        boolean inImage = registered != null && registered.epoch() == brokerEpoch;
        if (inImage || pollsLeft <= 0 || stopped) {
            sendHeartbeat();
            return;
        }
        try {
            scheduler.schedule(() -> sendFirstHeartbeat(pollsLeft - 1), REGISTRATION_IN_IMAGE_POLL_MS,
                TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: no more heartbeats.
        }
    }

    /** Blocks until a heartbeat answer says this broker is unfenced; false on timeout. */
    boolean awaitUnfenced(long timeoutMs) throws InterruptedException {
        return unfenced.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    long brokerEpoch() {
        return brokerEpoch;
    }

    /** Heartbeats the controller accepted: each carried the replica reports of the moment it was sent. */
    long heartbeatsAnswered() {
        return heartbeatsAnswered.get();
    }

    boolean isUnfenced() {
        return unfenced.getCount() == 0;
    }

    private void sendHeartbeat() {
        if (stopped) {
            return;
        }
        BrokerHeartbeat.Request request = new BrokerHeartbeat.Request(brokerId, brokerEpoch,
            replicaManager.image().offset(), wantShutdown, replicaManager.replicaReports());
        controller.brokerHeartbeat(request).whenComplete((response, error) -> {
            long nextMs = heartbeatIntervalMs;
            if (error != null) {
                log.warn("Heartbeat of broker {} failed: {}", brokerId, error.toString());
            } else if (!response.error().isSuccess()) {
                log.warn("Heartbeat of broker {} (epoch {}) refused: {}", brokerId, brokerEpoch, response.error());
            } else {
                heartbeatsAnswered.incrementAndGet();
                if (response.isFenced()) {
                    nextMs = Math.min(FENCED_HEARTBEAT_MS, heartbeatIntervalMs);
                } else if (unfenced.getCount() > 0) {
                    log.info("Broker {} is unfenced (metadata offset {})", brokerId, request.metadataOffset());
                    unfenced.countDown();
                }
            }
            scheduleNext(nextMs);
        });
    }

    private void scheduleNext(long delayMs) {
        if (stopped) {
            return;
        }
        try {
            scheduler.schedule(this::sendHeartbeat, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: no more heartbeats.
        }
    }

    /**
     * Asks the controller to move leadership away and fence this broker, waiting at most
     * {@code timeoutMs}; then stops heartbeating. Best effort: a failure is logged, shutdown goes on.
     */
    void controlledShutdown(long timeoutMs) {
        wantShutdown = true;
        if (brokerEpoch >= 0) {
            try {
                controller.controlledShutdown(brokerId, brokerEpoch).get(timeoutMs, TimeUnit.MILLISECONDS);
                log.info("Controlled shutdown of broker {} done", brokerId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("Controlled shutdown of broker {} did not complete: {}", brokerId, e.toString());
            }
        }
        close();
    }

    @Override
    public void close() {
        stopped = true;
        scheduler.shutdownNow();
    }

    /** The controller refused or never answered this broker's registration. */
    static final class BrokerRegistrationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerRegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
