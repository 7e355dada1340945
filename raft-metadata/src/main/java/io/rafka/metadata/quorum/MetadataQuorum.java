package io.rafka.metadata.quorum;

import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.MetadataListener;
import io.rafka.metadata.record.RecordBatch;
import io.rafka.metadata.record.RecordSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's membership in the metadata quorum: the Ratis server (voter or listener) with its
 * {@link MetadataStateMachine}, the controller that runs while this node leads, and a {@link ControllerClient}
 * that reaches whichever node leads. What the broker module builds on.
 *
 * <p>Start-up formats the storage by itself: {@code meta.properties} is written on first start and checked on
 * every later one. The Ratis group id is derived from the cluster id, so nodes of different clusters never
 * join each other's group.
 *
 * <p>Thread-safe.
 */
public final class MetadataQuorum implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataQuorum.class);
    /**
     * How long a lone voter waits before electing itself at start. Nobody else can be leader, so Ratis's
     * 150-300 ms (meant to keep peers from splitting the vote) is pure start-up delay.
     */
    static final long SINGLE_VOTER_FIRST_ELECTION_MIN_MS = 5;
    static final long SINGLE_VOTER_FIRST_ELECTION_MAX_MS = 10;
    /**
     * The Ratis client's back-off while no leader is known or the leader is not ready yet (at start-up: the
     * first election, then the leader's first log segment). 100 ms made a starting node wait ~50 ms more than
     * needed per retry; the total wait stays at 5 s.
     */
    static final long CLIENT_RETRY_SLEEP_MS = 20;
    static final int CLIENT_RETRIES = 250;

    private final QuorumConfig config;
    private final MetaProperties meta;
    private final RaftGroup group;
    private final List<QuorumPeer> voters;
    private final RaftServer server;
    private final MetadataStateMachine stateMachine;
    private final MetadataPublisher publisher;
    private final ControllerEventLoop controller;
    // The controller submits its batches straight to its own server: no client whose failure state could
    // outlive a term, no retries that could append an old controller's decisions, order = submission order.
    private final ClientId writerId = ClientId.randomId();
    private final AtomicLong writerCallId = new AtomicLong();
    private final RatisControllerClient controllerClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Throwable fatalError;

    private MetadataQuorum(QuorumConfig config, MetaProperties meta, List<QuorumPeer> voters,
                           List<QuorumPeer> listeners) throws IOException {
        this.config = config;
        this.meta = meta;
        this.voters = voters;
        this.group = RaftGroup.valueOf(groupId(meta.clusterId()), peers(voters, listeners));
        RaftProperties properties = ratisProperties(config, self(voters, listeners, config.nodeId()), voters.size());
        this.publisher = new MetadataPublisher(config.nodeId());
        RaftPeerId selfId = peerId(config.nodeId());
        this.controller = new ControllerEventLoop(config.nodeId(), config.controller(), config.time(),
            config.controllerTickMs(), this::writeRecords, this::leaderId);
        this.stateMachine = new MetadataStateMachine(publisher, new Events(), this::onFatalError);
        // Ratis keeps the group's storage in <metadataDir>/<groupId>: recover it if present, format it otherwise.
        boolean formatted = Files.isDirectory(config.metadataDir().resolve(group.getGroupId().getUuid().toString()));
        this.server = RaftServer.newBuilder().setServerId(selfId).setGroup(group).setStateMachine(stateMachine)
            .setProperties(properties)
            .setOption(formatted ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT).build();
        RaftGroup votersOnly = RaftGroup.valueOf(group.getGroupId(), peers(voters, List.of()));
        RaftProperties clientProperties = ratisProperties(config, self(voters, listeners, config.nodeId()),
            voters.size());
        this.controllerClient = new RatisControllerClient(RaftClient.newBuilder().setRaftGroup(votersOnly)
            .setProperties(clientProperties)
            .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(CLIENT_RETRIES,
                TimeDuration.valueOf(CLIENT_RETRY_SLEEP_MS, TimeUnit.MILLISECONDS)))
            .build(), config.time(), config.requestTimeoutMs());
    }

    /**
     * Starts this node's part of the quorum. Returns once the Ratis server runs; the image fills in as the log
     * is replayed and a leader is elected.
     *
     * @throws MetaProperties.InconsistentStorageException if the directories belong to another cluster or node
     */
    public static MetadataQuorum start(QuorumConfig config) throws IOException {
        MetaProperties meta = MetaProperties.loadOrCreate(config.logDir(), config.nodeId(), config.clusterId(),
            new SecureRandom());
        List<QuorumPeer> voters = QuorumPeer.parseList(config.voters());
        List<QuorumPeer> listeners = QuorumPeer.parseList(config.listeners());
        if (voters.isEmpty()) {
            int port = config.singleNodePort() != 0 ? config.singleNodePort() : freePort();
            voters = List.of(new QuorumPeer(config.nodeId(), "localhost", port));
        }
        Files.createDirectories(config.metadataDir());
        MetadataQuorum quorum = new MetadataQuorum(config, meta, voters, listeners);
        quorum.server.start();
        LOG.info("Node {} joined metadata quorum of cluster {} (voters {}, listeners {})", config.nodeId(),
            meta.clusterId(), voters, listeners);
        return quorum;
    }

    public int nodeId() {
        return config.nodeId();
    }

    public String clusterId() {
        return meta.clusterId();
    }

    /** The voters, as configured (with the chosen port for a single node). */
    public List<QuorumPeer> voters() {
        return voters;
    }

    /** The latest image this node applied. Never null; {@link MetadataImage#EMPTY} before anything is applied. */
    public MetadataImage currentImage() {
        return stateMachine.currentImage();
    }

    /** Adds a listener: it first gets the current image, then every change, in order, on one thread. */
    public void addListener(MetadataListener listener) {
        publisher.addListener(listener);
    }

    public ControllerClient controllerClient() {
        return controllerClient;
    }

    public boolean isActiveController() {
        return controller.isActive();
    }

    /** The current Raft leader (= active controller once ready), or -1 if unknown. */
    public int leaderId() {
        try {
            RaftPeerId leader = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
            return leader == null ? -1 : Integer.parseInt(leader.toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The error that stopped this node, or null. */
    public Throwable fatalError() {
        return fatalError;
    }

    public QuorumInfo describeQuorum() {
        try {
            return QuorumDescriber.describe(server.getDivision(group.getGroupId()), voters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Long> writeRecords(RecordBatch batch) {
        Message message = Message.valueOf(ByteString.copyFrom(RecordSerde.serialize(batch)));
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(writerId)
            .setServerId(peerId(config.nodeId())).setGroupId(group.getGroupId())
            .setCallId(writerCallId.incrementAndGet()).setMessage(message)
            .setType(RaftClientRequest.writeRequestType()).build();
        CompletableFuture<RaftClientReply> submitted;
        try {
            submitted = server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submitted.thenApply(reply -> {
            if (!reply.isSuccess()) {
                throw new CompletionException(reply.getException() != null ? reply.getException()
                    : new IOException("write failed: " + reply));
            }
            return reply.getLogIndex();
        });
    }

    private void onFatalError(Throwable error) {
        fatalError = error;
        Thread stopper = new Thread(() -> {
            try {
                close();
            } catch (Exception e) {
                LOG.error("Stopping after a fatal metadata error failed", e);
            }
        }, "rafka-metadata-fatal-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The server first: once it stops applying, nothing calls into the controller or the publisher.
        long startNs = config.time().nanoseconds();
        server.close();
        long serverClosedNs = config.time().nanoseconds();
        controller.close();
        controllerClient.close();
        publisher.close();
        // Ratis's part is most of a stop: its log worker notices the close only when its 1 s poll times out.
        LOG.info("Node {} left the metadata quorum in {} ms (Ratis server {} ms, controller and publisher {} ms)",
            config.nodeId(), TimeUnit.NANOSECONDS.toMillis(config.time().nanoseconds() - startNs),
            TimeUnit.NANOSECONDS.toMillis(serverClosedNs - startNs),
            TimeUnit.NANOSECONDS.toMillis(config.time().nanoseconds() - serverClosedNs));
    }

    /** Bridges state-machine events to the controller loop. */
    private final class Events implements StateMachineEvents {
        @Override
        public void onLeaderReady(MetadataImage image, long term) {
            controller.activate(image, term);
        }

        @Override
        public void onNotLeader() {
            controller.deactivate();
        }

        @Override
        public void onCommitted(MetadataImage image) {
            controller.onCommitted(image);
        }

        @Override
        public CompletableFuture<ControllerResponse> handleRequest(ControllerRequest request) {
            return controller.handle(request);
        }
    }

    static RaftGroupId groupId(String clusterId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("rafka-metadata/" + clusterId).getBytes(StandardCharsets.UTF_8)));
    }

    static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    private static List<RaftPeer> peers(List<QuorumPeer> voters, List<QuorumPeer> listeners) {
        List<RaftPeer> peers = new ArrayList<>();
        voters.forEach(v -> peers.add(RaftPeer.newBuilder().setId(peerId(v.nodeId())).setAddress(v.address())
            .setStartupRole(RaftPeerRole.FOLLOWER).build()));
        listeners.forEach(l -> peers.add(RaftPeer.newBuilder().setId(peerId(l.nodeId())).setAddress(l.address())
            .setStartupRole(RaftPeerRole.LISTENER).build()));
        return peers;
    }

    private static QuorumPeer self(List<QuorumPeer> voters, List<QuorumPeer> listeners, int nodeId) {
        List<QuorumPeer> all = new ArrayList<>(voters);
        all.addAll(listeners);
        return all.stream().filter(p -> p.nodeId() == nodeId).findFirst().orElseThrow(() ->
            new IllegalArgumentException("node.id " + nodeId + " is neither in controller.quorum.voters " + voters
                + " nor among the quorum listeners " + listeners));
    }

    static RaftProperties ratisProperties(QuorumConfig config, QuorumPeer self, int voterCount) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        // The address the other members dial (controller.quorum.voters), not every interface: a quorum
        // configured on 127.0.0.1 must not be reachable from the network.
        GrpcConfigKeys.Server.setHost(properties, self.host());
        GrpcConfigKeys.Server.setPort(properties, self.port());
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.metadataDir().toFile()));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, config.snapshotIntervalEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.max(1, Math.min(1024, config.snapshotIntervalEntries())));
        if (config.electionTimeoutMinMs() > 0) {
            RaftServerConfigKeys.Rpc.setTimeoutMin(properties, TimeDuration.valueOf(config.electionTimeoutMinMs(),
                TimeUnit.MILLISECONDS));
            RaftServerConfigKeys.Rpc.setTimeoutMax(properties, TimeDuration.valueOf(config.electionTimeoutMaxMs(),
                TimeUnit.MILLISECONDS));
        }
        if (voterCount == 1) {
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties,
                TimeDuration.valueOf(SINGLE_VOTER_FIRST_ELECTION_MIN_MS, TimeUnit.MILLISECONDS));
            RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties,
                TimeDuration.valueOf(SINGLE_VOTER_FIRST_ELECTION_MAX_MS, TimeUnit.MILLISECONDS));
        }
        // A forwarded request (e.g. 10,000 partitions) may take longer than Ratis's 3 s default to commit;
        // a client-side timeout would re-send it and execute it twice.
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
            TimeDuration.valueOf(Math.max(config.requestTimeoutMs(), 3_000), TimeUnit.MILLISECONDS));
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
