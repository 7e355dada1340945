package io.rafka.metadata.quorum;

import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.RecordBatch;
import io.rafka.metadata.record.RecordSerde;
import java.io.File;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata quorum: applies committed {@link RecordBatch}es in log order into an
 * immutable {@link MetadataImage}, publishes each new image with its delta, writes snapshots (the image as
 * records, checksummed) and loads them back.
 *
 * <p>Apply is deterministic. An exception while applying means this node's image would diverge from the others:
 * the node is stopped through {@code fatalErrorHandler} instead.
 *
 * <p>Leadership: {@code notifyLeaderReady} (called on the apply thread once the leader's first entry of its term
 * is applied, so the image holds everything committed before) starts the controller; losing leadership stops
 * it. A batch stamped with a term other than the current one is refused in {@link #startTransaction}: a deposed
 * controller cannot append decisions taken on an old view.
 *
 * <p>Thread-safety: Ratis calls apply / snapshot / leader events on its single state-machine updater thread;
 * {@link #currentImage()} and {@link #query} may be called from any thread ({@code image} is volatile and
 * immutable).
 */
final class MetadataStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);

    private static final long NO_SNAPSHOT_INDEX = -1;

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final MetadataPublisher publisher;
    private final StateMachineEvents events;
    private final Consumer<Throwable> fatalErrorHandler;
    private volatile MetadataImage image = MetadataImage.EMPTY;
    private volatile RaftServer raftServer;

    MetadataStateMachine(MetadataPublisher publisher, StateMachineEvents events, Consumer<Throwable> fatalErrorHandler) {
        this.publisher = publisher;
        this.events = events;
        this.fatalErrorHandler = fatalErrorHandler;
    }

    MetadataImage currentImage() {
        return image;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        this.raftServer = server;
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    @Override
    public void reinitialize() throws IOException {
        // After a snapshot was installed from the leader.
        loadLatestSnapshot();
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.getFile().getFileDigest() != null) {
            MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        }
        SnapshotFile.Loaded loaded = SnapshotFile.read(file.toPath());
        image = loaded.image();
        setLastAppliedTermIndex(TermIndex.valueOf(loaded.term(), loaded.index()));
        publisher.publishSnapshot(image);
        LOG.info("Loaded metadata snapshot {} at index {}", file, loaded.index());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return storage.getLatestSnapshot();
    }

    @Override
    public long takeSnapshot() throws IOException {
        MetadataImage snapshotImage = image;
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || snapshotImage.offset() < 0) {
            return NO_SNAPSHOT_INDEX;
        }
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        SnapshotFile.write(file.toPath(), applied.getTerm(), snapshotImage.withOffset(applied.getIndex()));
        FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, applied));
        return applied.getIndex();
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        RecordBatch batch = RecordSerde.deserializeBatch(content.toByteArray());
        long currentTerm = raftServer.getDivision(getGroupId()).getInfo().getCurrentTerm();
        if (batch.controllerTerm() != currentTerm) {
            throw new StaleControllerException("batch from the controller of term " + batch.controllerTerm()
                + ", current term " + currentTerm);
        }
        return TransactionContext.newBuilder()
            .setStateMachine(this)
            .setClientRequest(request)
            .setLogData(content)
            .build();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        MetadataDelta delta;
        MetadataImage newImage;
        try {
            RecordBatch batch = RecordSerde.deserializeBatch(entry.getStateMachineLogEntry().getLogData().toByteArray());
            delta = new MetadataDelta(image, entry.getIndex());
            delta.replayAll(batch.records());
            newImage = delta.apply();
        } catch (RuntimeException | Error e) {
            LOG.error("Applying metadata entry {} failed; stopping this node rather than diverge", entry.getIndex(), e);
            fatalErrorHandler.accept(e);
            return CompletableFuture.failedFuture(e);
        }
        image = newImage;
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        publisher.publish(delta, newImage);
        events.onCommitted(newImage);
        return CompletableFuture.completedFuture(Message.valueOf(Long.toString(entry.getIndex())));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // Entries without records (configuration, leader no-op) still advance the applied index and image offset.
        super.notifyTermIndexUpdated(term, index);
        if (index > image.offset()) {
            image = image.withOffset(index);
            events.onCommitted(image);
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            ControllerRequest controllerRequest = RecordSerde.read(request.getContent().toByteArray(), ControllerRequest.class);
            return events.handleRequest(controllerRequest)
                .thenApply(response -> Message.valueOf(ByteString.copyFrom(RecordSerde.write(response))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public LeaderEventApi leaderEvent() {
        return this;
    }

    @Override
    public EventApi event() {
        return this;
    }

    @Override
    public void notifyLeaderReady() {
        long term = raftServer == null ? -1 : currentTerm();
        events.onLeaderReady(image, term);
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        events.onNotLeader();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        if (!groupMemberId.getPeerId().equals(newLeaderId)) {
            events.onNotLeader();
        }
    }

    private long currentTerm() {
        try {
            return raftServer.getDivision(getGroupId()).getInfo().getCurrentTerm();
        } catch (IOException e) {
            throw new IllegalStateException("no division for " + getGroupId(), e);
        }
    }

    /** A batch from a controller whose term is over. */
    static final class StaleControllerException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleControllerException(String message) {
            super(message);
        }
    }
}
