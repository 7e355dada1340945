package io.rafka.broker.node;

import io.rafka.broker.handler.group.OffsetsTopicAppender;
import io.rafka.broker.handler.group.OffsetsTopicReader;
import io.rafka.broker.partition.AppendOutcome;
import io.rafka.broker.partition.PartitionRead;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.log.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.protocol.Errors;

/**
 * The group coordinator's view of {@code __consumer_offsets} through the {@link ReplicaManager}: appends are
 * acks=all leader appends (answered once the high watermark passes them, so a committed offset survives the
 * coordinator's failure), and loading reads only below the high watermark.
 *
 * <p>Thread-safe: the replica manager is.
 */
final class OffsetsTopicOnReplicas implements OffsetsTopicAppender, OffsetsTopicReader {

    /** acks=all, as Kafka's coordinator writes. */
    private static final short ALL_REPLICAS = -1;

    private final ReplicaManager replicas;
    private final long appendTimeoutMs;

    OffsetsTopicOnReplicas(ReplicaManager replicas, long appendTimeoutMs) {
        this.replicas = replicas;
        this.appendTimeoutMs = appendTimeoutMs;
    }

    @Override
    public CompletableFuture<Errors> append(int partition, ByteBuffer v2Batch) {
        return replicas.appendAsLeader(partitionOf(partition), v2Batch, ALL_REPLICAS, appendTimeoutMs)
            .thenApply(AppendOutcome::error);
    }

    @Override
    public long logStartOffset(int partition) throws IOException {
        return readAt(partition, 0, 0).logStartOffset();
    }

    @Override
    public long highWatermark(int partition) throws IOException {
        return readAt(partition, 0, 0).highWatermark();
    }

    @Override
    public ByteBuffer read(int partition, long startOffset, int maxBytes) throws IOException {
        return readAt(partition, startOffset, maxBytes).records().toHeapBuffer();
    }

    /** A read at {@code offset}; an offset at or before the log start still reports the partition's bounds. */
    private PartitionRead readAt(int partition, long offset, int maxBytes) throws IOException {
        PartitionRead read = replicas.read(partitionOf(partition), offset, maxBytes, maxBytes > 0, -1);
        if (read.error() == Errors.OFFSET_OUT_OF_RANGE && maxBytes == 0) {
            return read;
        }
        if (read.error() != Errors.NONE) {
            throw new IOException("cannot read " + Topic.GROUP_METADATA_TOPIC_NAME + "-" + partition + ": "
                + read.error().name());
        }
        return read;
    }

    private static TopicPartition partitionOf(int partition) {
        return new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partition);
    }
}
