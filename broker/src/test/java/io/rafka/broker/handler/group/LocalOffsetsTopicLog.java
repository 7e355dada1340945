package io.rafka.broker.handler.group;

import io.rafka.log.LogConfig;
import io.rafka.log.LogManager;
import io.rafka.log.LogOfflineException;
import io.rafka.log.PartitionLog;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OffsetsTopicAppender} and {@link OffsetsTopicReader} straight over this node's {@link LogManager}:
 * appends as leader with the leader epoch of the current image, on one appender thread (so the coordinator
 * thread never waits on disk and appends stay in order).
 *
 * <p>NB: a batch counts as committed once it is in the local log, so this is acks=all only when this node is the
 * partition's only in-sync replica (a single-node cluster, or {@code offsets.topic.replication.factor=1}). With
 * replication, the node must give the shell the ReplicaManager's implementation instead, which completes at the
 * high watermark.
 *
 * <p>Thread-safe.
 */
public final class LocalOffsetsTopicLog implements OffsetsTopicAppender, OffsetsTopicReader, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOffsetsTopicLog.class);

    private final int nodeId;
    private final LogManager logManager;
    private final LogConfig logConfig;
    private final Supplier<MetadataImage> images;
    private final ExecutorService appenderThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rafka-offsets-appender");
        thread.setDaemon(true);
        return thread;
    });

    public LocalOffsetsTopicLog(int nodeId, LogManager logManager, LogConfig logConfig,
                                Supplier<MetadataImage> images) {
        this.nodeId = nodeId;
        this.logManager = logManager;
        this.logConfig = logConfig;
        this.images = images;
    }

    @Override
    public CompletableFuture<Errors> append(int partition, ByteBuffer v2Batch) {
        try {
            return CompletableFuture.supplyAsync(() -> appendNow(partition, v2Batch), appenderThread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Errors.NOT_LEADER_OR_FOLLOWER);
        }
    }

    private Errors appendNow(int partition, ByteBuffer v2Batch) {
        Optional<PartitionRegistration> registration = images.get().partition(
                new io.rafka.metadata.api.TopicPartition(GroupCoordinatorShell.OFFSETS_TOPIC, partition));
        if (registration.isEmpty() || registration.get().leader() != nodeId) {
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        try {
            log(partition).appendAsLeader(v2Batch, registration.get().leaderEpoch());
            return Errors.NONE;
        } catch (LogOfflineException | UncheckedIOException e) {
            LOG.warn("Append to {}-{} failed: {}", GroupCoordinatorShell.OFFSETS_TOPIC, partition, e.toString());
            return Errors.KAFKA_STORAGE_ERROR;
        } catch (IOException e) {
            LOG.warn("Opening {}-{} failed: {}", GroupCoordinatorShell.OFFSETS_TOPIC, partition, e.toString());
            return Errors.KAFKA_STORAGE_ERROR;
        }
    }

    @Override
    public long logStartOffset(int partition) throws IOException {
        return log(partition).logStartOffset();
    }

    @Override
    public long highWatermark(int partition) throws IOException {
        return log(partition).logEndOffset();
    }

    @Override
    public ByteBuffer read(int partition, long startOffset, int maxBytes) throws IOException {
        PartitionLog log = log(partition);
        return log.read(startOffset, maxBytes, log.logEndOffset(), true).records().toHeapBuffer();
    }

    private PartitionLog log(int partition) throws IOException {
        return logManager.getOrCreateLog(GroupCoordinatorShell.OFFSETS_TOPIC, partition, logConfig);
    }

    @Override
    public void close() {
        appenderThread.shutdown();
    }
}
