package io.rafka.broker.handler.group;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;

/**
 * Appends the group coordinator's records to a partition of {@code __consumer_offsets} that this node leads.
 *
 * <p>Contract: the batch is one magic-v2 record batch (base offset 0, no producer id); it is appended as leader
 * with the partition's current leader epoch, and the future completes with {@link Errors#NONE} only once the
 * batch is committed (acks=all: the high watermark passed it), or with the append's error
 * (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, KAFKA_STORAGE_ERROR, REQUEST_TIMED_OUT, ...). Appends to one
 * partition complete in the order they were made. The future may complete on any thread.
 *
 * <p>Implementations are thread-safe. The broker's ReplicaManager is meant to implement it;
 * Tests use a single-replica implementation directly over the log manager.
 */
@FunctionalInterface
public interface OffsetsTopicAppender {

    CompletableFuture<Errors> append(int partition, ByteBuffer v2Batch);
}
