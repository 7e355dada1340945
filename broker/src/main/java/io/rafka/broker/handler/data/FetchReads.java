package io.rafka.broker.handler.data;

import io.rafka.broker.partition.PartitionRead;
import io.rafka.broker.partition.ReplicaManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * Reads every partition of a fetch within its byte budgets, without copying: Kafka's rules. Each
 * partition gets at most {@code min(partitionMaxBytes, what remains of maxBytes)}; the first partition
 * that returns data may exceed both by one batch ({@code minOneBatch}), so a batch larger than the
 * limits never blocks a consumer.
 *
 * <p>Stateless, thread-safe.
 */
final class FetchReads {

    /** Each request partition's read, in request order, and the total bytes they hold. */
    record Result(List<PartitionFetch> partitions, List<PartitionRead> reads, long totalBytes, boolean anyError) {}

    /** Reads one partition within a byte budget: as a consumer (to the high watermark) or as a follower. */
    @FunctionalInterface
    interface PartitionReader {
        PartitionRead read(PartitionFetch fetch, int budgetBytes, boolean minOneBatch);
    }

    private FetchReads() {}

    /** A consumer's reader: bounded by the high watermark. */
    static PartitionReader consumer(ReplicaManager replicaManager) {
        return (fetch, budgetBytes, minOneBatch) -> replicaManager.read(fetch.tp(), fetch.fetchOffset(), budgetBytes,
            minOneBatch, fetch.currentLeaderEpoch());
    }

    /** A follower's reader: up to the log end, recording the replica's progress on the leader. */
    static PartitionReader follower(ReplicaManager replicaManager, int replicaId, long brokerEpoch) {
        return (fetch, budgetBytes, minOneBatch) -> replicaManager.readForFollower(fetch.tp(), replicaId, brokerEpoch,
            fetch.currentLeaderEpoch(), fetch.fetchOffset(), fetch.lastFetchedEpoch(), budgetBytes, minOneBatch);
    }

    static Result readAll(PartitionReader reader, List<PartitionFetch> partitions, int maxBytes) {
        List<PartitionRead> reads = new ArrayList<>(partitions.size());
        long totalBytes = 0;
        boolean anyError = false;
        for (PartitionFetch fetch : partitions) {
            PartitionRead read;
            if (fetch.resolveError() != Errors.NONE) {
                read = PartitionRead.failed(fetch.resolveError());
            } else {
                int budgetBytes = (int) Math.max(0, Math.min(fetch.partitionMaxBytes(), maxBytes - totalBytes));
                read = reader.read(fetch, budgetBytes, totalBytes == 0);
            }
            // A diverging epoch is an answer the follower needs now, like an error.
            anyError |= read.error() != Errors.NONE || read.divergingEpoch().isPresent();
            totalBytes += read.sizeBytes();
            reads.add(read);
        }
        return new Result(partitions, reads, totalBytes, anyError);
    }
}
