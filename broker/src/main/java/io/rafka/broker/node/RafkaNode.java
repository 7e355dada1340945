package io.rafka.broker.node;

import io.rafka.broker.handler.admin.AdminContext;
import io.rafka.broker.handler.admin.AdminHandlers;
import io.rafka.broker.handler.group.GroupCoordinatorShell;
import io.rafka.broker.handler.group.GroupHandlers;
import io.rafka.broker.liveness.PeerLivenessWatcher;
import java.security.SecureRandom;
import io.rafka.broker.config.Endpoint;
import io.rafka.broker.config.QuorumVoter;
import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.handler.data.DataPlaneHandlers;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.ApiHandlerRegistry;
import io.rafka.broker.network.KafkaServer;
import io.rafka.broker.network.NetworkSettings;
import io.rafka.broker.partition.PartitionSettings;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.broker.replica.AlterPartitionSender;
import io.rafka.broker.replica.FetcherSettings;
import io.rafka.broker.replica.ReplicaFetcherManager;
import java.util.function.LongSupplier;
import io.rafka.common.Time;
import io.rafka.log.LogManager;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.controller.ControllerConfig;
import io.rafka.metadata.quorum.MetadataQuorum;
import io.rafka.metadata.quorum.QuorumConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Rafka node assembled from one {@link RafkaConfig}: the log manager over {@code log.dirs}, the
 * metadata quorum (storage in {@code <first log dir>/metadata}), the replica manager that applies the
 * metadata image to local partitions, the Kafka-protocol server with every handler registered, and the
 * broker's registration and heartbeats.
 *
 * <p>Start-up order, each step needing the one before: lock and load the logs while joining the quorum
 * (the two are independent and run side by side); attach the replica manager to the image; bind the
 * listeners (so the real ports are known); register with the advertised endpoints; wait until the
 * controller unfences this broker; delete stray logs; ready. {@link #close()} is the controlled shutdown,
 * in reverse: fence and move leadership away, stop accepting and answering, fail parked requests, then
 * flush and close the logs (clean-shutdown marker) while leaving the quorum. Both lines ("ready in",
 * "stopped in") say how long each step took.
 *
 * <p>Lifecycle: RUNNING (after {@link #start} returns) -> CLOSED. Thread-safe: {@link #close} may be
 * called from any thread (a SIGTERM hook) and more than once.
 */
public final class RafkaNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RafkaNode.class);
    /** Longest wait for the controller to register and unfence this broker at start. */
    static final long STARTUP_TIMEOUT_MS = 60_000;
    static final long CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5_000;
    private static final int FETCH_COMPLETION_THREADS = 2;

    /** Kafka's default offsets.commit.timeout.ms: how long an offset commit may wait for acks=all. */
    private static final long OFFSETS_COMMIT_TIMEOUT_MS = 5_000;
    private final RafkaConfig config;
    private final Time time;
    private final List<AutoCloseable> handlerResources = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private LogManager logManager;
    private MetadataQuorum quorum;
    private ReplicaManager replicaManager;
    private ReplicaFetcherManager replicaFetchers;
    private java.util.concurrent.ScheduledExecutorService alterPartitionRetries;
    private GroupCoordinatorShell groupCoordinator;
    private PeerLivenessWatcher peerLiveness;
    private ExecutorService fetchCompletion;
    private KafkaServer server;
    private volatile BrokerLifecycle lifecycle;
    private long startupMs;
    private boolean closing;

    private RafkaNode(RafkaConfig config, Time time) {
        this.config = config;
        this.time = time;
    }

    /** Starts a node serving every API Rafka implements (data plane, admin, consumer groups). */
    public static RafkaNode start(RafkaConfig config) throws IOException {
        return start(config, Time.SYSTEM, List.of());
    }

    /**
     * Starts a node and returns once it is registered, unfenced and serving.
     *
     * @param extraHandlers handlers for APIs the node does not serve itself (tests)
     * @throws IOException if the log directories cannot be opened or locked, or the quorum storage fails
     */
    public static RafkaNode start(RafkaConfig config, Time time, List<HandlerFactory> extraHandlers) throws IOException {
        RafkaNode node = new RafkaNode(config, time);
        try {
            node.startUp(extraHandlers);
        } catch (IOException | RuntimeException | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startUp(List<HandlerFactory> extraHandlers) throws IOException {
        PhaseClock clock = new PhaseClock(time);
        ClassPreloader.startInBackground();
        PartitionSettings brokerDefaults = PartitionSettings.brokerDefaults(config);
        // Loading the logs (a scan of every partition directory) and starting the quorum (Ratis and gRPC)
        // need nothing from each other: side by side, start-up pays only the longer of the two.
        CompletableFuture<LogManager> logsLoaded = loadLogsInBackground(brokerDefaults);
        try {
            quorum = MetadataQuorum.start(quorumConfig(config, time));
        } catch (IOException | RuntimeException | Error e) {
            // The logs' error (e.g. a directory locked by another node) says more than Ratis's about the same dir.
            logManager = awaitLogs(logsLoaded, e);
            throw e;
        }
        // The first controller request pays for the Ratis client's connection set-up (gRPC channel, stubs: about
        // 0.15 s with a class-data archive, 0.5 s without). A read-only request sent from another thread pays it
        // while the leader is elected and this thread builds the rest, so the registration below does not.
        MetadataQuorum startedQuorum = quorum;
        Thread clientWarmUp = new Thread(() -> {
            try {
                startedQuorum.controllerClient().listPartitionReassignments(new ListReassignments.Request(List.of()));
            } catch (RuntimeException e) {
                log.debug("Warming up the controller client failed (the registration will pay for it): {}", e.toString());
            }
        }, "rafka-controller-client-warm-up");
        clientWarmUp.setDaemon(true);
        clientWarmUp.start();
        clock.phase("quorum");
        logManager = awaitLogs(logsLoaded, null);
        clock.phase("logs");
        // Fetchers and ISR changes name this broker's epoch, known once it has registered (below).
        LongSupplier brokerEpoch = () -> lifecycle == null ? -1 : lifecycle.brokerEpoch();
        replicaFetchers = new ReplicaFetcherManager(FetcherSettings.from(config), brokerEpoch, quorum::currentImage,
            time);
        alterPartitionRetries = Executors.newSingleThreadScheduledExecutor(namedDaemons("rafka-alter-partition-"));
        AlterPartitionSender isrChanges = new AlterPartitionSender(config.nodeId(), brokerEpoch,
            quorum.controllerClient(), alterPartitionRetries, config.replicaFetchBackoffMs());
        replicaManager = new ReplicaManager(config.nodeId(), logManager, brokerDefaults, time, replicaFetchers,
            isrChanges, config.replicaLagTimeMaxMs());
        quorum.addListener(replicaManager);
        // Listeners run in order on one thread: the shell sees a new offsets-partition leadership only
        // after the replica manager has made this node its leader.
        OffsetsTopicOnReplicas offsetsTopic = new OffsetsTopicOnReplicas(replicaManager, OFFSETS_COMMIT_TIMEOUT_MS);
        groupCoordinator = new GroupCoordinatorShell(GroupCoordinatorShell.Settings.from(config), offsetsTopic,
            offsetsTopic, quorum.controllerClient(), quorum::currentImage, time, new SecureRandom());
        groupCoordinator.start();
        quorum.addListener((delta, image) -> groupCoordinator.onLeadershipChange(image));
        lifecycle = new BrokerLifecycle(config.nodeId(), quorum.controllerClient(), replicaManager,
            config.brokerHeartbeatIntervalMs());
        // A crashed peer is fenced within about a second of its sockets closing, not after its session.
        peerLiveness = new PeerLivenessWatcher(config.nodeId(), quorum::currentImage, config.interBrokerListenerName(),
            quorum::isActiveController, quorum.controllerClient()::brokerConnectionClosed, time,
            PeerLivenessWatcher.Settings.defaults());
        peerLiveness.start();
        clock.phase("replicas");

        NodeServices services = new NodeServices(config, config.nodeId(), quorum.clusterId(), quorum, replicaManager,
            logManager, lifecycle::brokerEpoch, time);
        fetchCompletion = Executors.newFixedThreadPool(FETCH_COMPLETION_THREADS, namedDaemons("rafka-fetch-completion-"));
        server = new KafkaServer(NetworkSettings.from(config), registry(services, extraHandlers), time);
        // Bound (the real ports are needed to register) but not serving: see KafkaServer#bind.
        server.bind();
        clock.phase("listeners");

        lifecycle.register(advertisedEndpoints(), STARTUP_TIMEOUT_MS);
        clock.phase("registration");
        try {
            if (!lifecycle.awaitUnfenced(STARTUP_TIMEOUT_MS)) {
                throw new IllegalStateException("broker " + config.nodeId() + " still fenced after "
                    + STARTUP_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to be unfenced", e);
        }
        // Unfenced means the image holds this broker's registration: it is current enough to judge strays,
        // and to answer clients (until now it may have replayed leaderships it no longer holds).
        replicaManager.deleteStrayLogs();
        server.enableRequestProcessing();
        clock.phase("unfenced");
        startupMs = clock.totalMs();
        log.info("Rafka node {} ready in {} ms ({}) (cluster {}, listeners {})", config.nodeId(), startupMs,
            clock.phases(), quorum.clusterId(), server.boundAddresses());
    }

    private CompletableFuture<LogManager> loadLogsInBackground(PartitionSettings brokerDefaults) {
        CompletableFuture<LogManager> loaded = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            long startNs = time.nanoseconds();
            try {
                loaded.complete(LogManager.open(config.logDirs(), brokerDefaults.logConfig(), time,
                    new LogManager.Settings(LogManager.Settings.defaults().flushCheckIntervalMs(),
                        config.retentionCheckIntervalMs(), LogManager.Settings.defaults().opener())));
                log.info("Loaded the logs in {} ms", TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - startNs));
            } catch (Throwable e) {
                loaded.completeExceptionally(e);
            }
        }, "rafka-log-loader");
        loader.setDaemon(true);
        loader.start();
        return loaded;
    }

    /**
     * Waits for the logs. With {@code quorumFailure} set (the quorum did not start), returns null if the logs
     * loaded (they are closed with the node) and throws the logs' own error, carrying the quorum's, if not.
     */
    private static LogManager awaitLogs(CompletableFuture<LogManager> logsLoaded, Throwable quorumFailure)
            throws IOException {
        try {
            return logsLoaded.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (quorumFailure != null) {
                cause.addSuppressed(quorumFailure);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("loading the logs failed", cause);
        }
    }

    /** Durations of start-up phases and shutdown steps, for the "ready" and "stopped" lines. Not thread-safe. */
    private static final class PhaseClock {
        private final Time time;
        private final long startNs;
        private long phaseStartNs;
        private final StringBuilder phases = new StringBuilder();

        PhaseClock(Time time) {
            this.time = time;
            this.startNs = time.nanoseconds();
            this.phaseStartNs = startNs;
        }

        void phase(String name) {
            long nowNs = time.nanoseconds();
            phases.append(phases.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(nowNs - phaseStartNs)).append(" ms");
            phaseStartNs = nowNs;
        }

        String phases() {
            return phases.toString();
        }

        long totalMs() {
            return TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - startNs);
        }
    }

    private ApiHandlerRegistry registry(NodeServices services, List<HandlerFactory> extraHandlers) {
        ApiHandlerRegistry.Builder builder = ApiHandlerRegistry.builder();
        List<ApiHandler> handlers = new ArrayList<>(DataPlaneHandlers.create(config, config.nodeId(),
            services.clusterId(), replicaManager, quorum.controllerClient(), services.brokerEpoch(), fetchCompletion));
        handlers.addAll(AdminHandlers.create(AdminContext.of(quorum, logManager, config, time)));
        handlers.addAll(GroupHandlers.create(groupCoordinator));
        for (HandlerFactory factory : extraHandlers) {
            handlers.addAll(factory.create(services));
        }
        for (ApiHandler handler : handlers) {
            builder.register(handler);
            if (handler instanceof AutoCloseable resource) {
                handlerResources.add(resource);
            }
        }
        return builder.build();
    }

    static QuorumConfig quorumConfig(RafkaConfig config, Time time) {
        Path firstLogDir = config.logDirs().get(0);
        String voters = config.quorumVoters().stream().map(QuorumVoter::toString).collect(Collectors.joining(","));
        // A single node with a controller listener runs its quorum there; without one, on any free port.
        int singleNodePort = config.listeners().stream()
            .filter(e -> config.controllerListenerNames().contains(e.listenerName()))
            .mapToInt(Endpoint::port).findFirst().orElse(0);
        ControllerConfig controller = new ControllerConfig(config.brokerSessionTimeoutMs(),
            ControllerConfig.DEFAULT_CONNECTION_CLOSED_GRACE_MS, config.uncleanLeaderElectionEnable(),
            config.autoLeaderRebalanceEnable(), config.leaderImbalanceCheckIntervalMs(), config.numPartitions(),
            config.defaultReplicationFactor());
        QuorumConfig.Builder builder = QuorumConfig.builder(config.nodeId(), firstLogDir);
        if (config.quorumVoters().size() > 1) {
            // Ratis's default (150-300 ms) made the quorum change leaders by itself on a loaded 2-core machine
            // (found by the chaos tests); Kafka's 1 s default with its random spread does not. A single voter
            // keeps the default: it has nobody to wait for, and start-up would pay the timeout.
            int electionTimeoutMs = config.controllerQuorumElectionTimeoutMs();
            builder.electionTimeoutMs(electionTimeoutMs, 2L * electionTimeoutMs);
        }
        return builder
            .clusterId(config.clusterId().orElse(null))
            .voters(voters)
            .singleNodePort(singleNodePort)
            .metadataDir(firstLogDir.resolve("metadata"))
            .snapshotIntervalEntries(config.metadataSnapshotIntervalRecords())
            .controller(controller)
            .time(time)
            .build();
    }

    /** {@code advertised.listeners} with each port 0 replaced by the port actually bound, and a host for wildcards. */
    private List<io.rafka.metadata.api.Endpoint> advertisedEndpoints() {
        Map<String, java.net.InetSocketAddress> bound = server.boundAddresses();
        List<io.rafka.metadata.api.Endpoint> endpoints = new ArrayList<>();
        for (Endpoint advertised : config.advertisedListeners()) {
            int port = advertised.port();
            if (port == 0 && bound.containsKey(advertised.listenerName())) {
                port = bound.get(advertised.listenerName()).getPort();
            }
            String host = advertised.bindsAllInterfaces() ? canonicalLocalHost() : advertised.host();
            endpoints.add(new io.rafka.metadata.api.Endpoint(advertised.listenerName(), host, port));
        }
        return endpoints;
    }

    private static String canonicalLocalHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    // ---------------------------------------------------------------- accessors

    public int nodeId() {
        return config.nodeId();
    }

    public String clusterId() {
        return quorum.clusterId();
    }

    public RafkaConfig config() {
        return config;
    }

    /** The port bound for {@code listenerName} (the real one when configured as 0). */
    public int boundPort(String listenerName) {
        return server.boundPort(listenerName);
    }

    /** Every bound client listener, in configuration order. */
    public Map<String, java.net.InetSocketAddress> boundAddresses() {
        return server.boundAddresses();
    }

    /** {@code host:port} of every advertised listener, for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return advertisedEndpoints().stream().map(e -> e.host() + ":" + e.port()).collect(Collectors.joining(","));
    }

    /** Advertised endpoints as {@code NAME://host:port}, as registered with the controller. */
    public List<String> advertisedListeners() {
        return advertisedEndpoints().stream().map(e -> e.name() + "://" + e.host() + ":" + e.port()).toList();
    }

    public long startupMs() {
        return startupMs;
    }

    public long brokerEpoch() {
        return lifecycle.brokerEpoch();
    }

    /**
     * Heartbeats the controller has accepted from this node. Each carries this node's replica reports
     * (last epoch, log end) as of its sending, which unclean elections use: a test that needs the
     * controller to know the current log ends waits for two more.
     */
    public long heartbeatsAnswered() {
        return lifecycle.heartbeatsAnswered();
    }

    public ReplicaFetcherManager replicaFetchers() {
        return replicaFetchers;
    }

    public ReplicaManager replicaManager() {
        return replicaManager;
    }

    public MetadataQuorum quorum() {
        return quorum;
    }

    public LogManager logManager() {
        return logManager;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public void close() {
        if (!startClosing()) {
            return;
        }
        log.info("Stopping Rafka node {}", config.nodeId());
        PhaseClock clock = new PhaseClock(time);
        if (lifecycle != null) {
            lifecycle.controlledShutdown(CONTROLLED_SHUTDOWN_TIMEOUT_MS);
            clock.phase("controlled shutdown");
        }
        stopServices(clock);
    }

    /**
     * Stops the node the way a crash looks from outside (tests only): no controlled shutdown, no
     * goodbye to the controller — heartbeats stop, connections drop, the quorum member vanishes,
     * and the controller must notice (its node's {@link PeerLivenessWatcher} sees the listener gone). Logs are still closed (flushed), as the
     * OS page cache would keep them after a process kill.
     */
    public void halt() {
        if (!startClosing()) {
            return;
        }
        log.info("Halting Rafka node {} (no controlled shutdown)", config.nodeId());
        if (lifecycle != null) {
            lifecycle.close();
        }
        stopServices(new PhaseClock(time));
    }

    /** @return whether this call is the one that closes the node (close and halt run once, together) */
    private synchronized boolean startClosing() {
        if (closing) {
            return false;
        }
        closing = true;
        return true;
    }

    private void stopServices(PhaseClock clock) {
        closeQuietly("peer liveness watcher", peerLiveness, null);
        closeQuietly("server", server, clock);
        closeQuietly("group coordinator", groupCoordinator, clock);
        for (AutoCloseable resource : handlerResources) {
            closeQuietly("handler " + resource, resource, null);
        }
        closeQuietly("replica fetchers", replicaFetchers, clock);
        if (alterPartitionRetries != null) {
            alterPartitionRetries.shutdownNow();
        }
        closeQuietly("replica manager", replicaManager, clock);
        if (fetchCompletion != null) {
            fetchCompletion.shutdownNow();
        }
        // Nothing below the replica manager calls into the quorum any more, and the quorum never touches the
        // logs: the two close side by side. Ratis's close waits up to a second for its log worker's poll to
        // time out, which a node with many logs spends flushing them.
        CompletableFuture<Void> quorumClosed = new CompletableFuture<>();
        Thread quorumCloser = new Thread(() -> {
            closeQuietly("metadata quorum", quorum, null);
            quorumClosed.complete(null);
        }, "rafka-quorum-closer");
        quorumCloser.setDaemon(true);
        quorumCloser.start();
        closeQuietly("log manager", logManager, clock);
        quorumClosed.join();
        clock.phase("then metadata quorum");
        closed.countDown();
        log.info("Rafka node {} stopped in {} ms ({})", config.nodeId(), clock.totalMs(), clock.phases());
    }

    /** @param clock records how long the close took; null for steps too small to report */
    private static void closeQuietly(String what, AutoCloseable resource, PhaseClock clock) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.error("Closing the {} failed", what, e);
        }
        if (clock != null) {
            clock.phase(what);
        }
    }

    private static java.util.concurrent.ThreadFactory namedDaemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
