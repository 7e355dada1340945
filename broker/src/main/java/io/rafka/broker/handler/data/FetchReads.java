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

    private FetchReads() {}

    static Result readAll(ReplicaManager replicaManager, List<PartitionFetch> partitions, int maxBytes) {
        List<PartitionRead> reads = new ArrayList<>(partitions.size());
        long totalBytes = 0;
        boolean anyError = false;
        for (PartitionFetch fetch : partitions) {
            PartitionRead read;
            if (fetch.resolveError() != Errors.NONE) {
                read = PartitionRead.failed(fetch.resolveError());
            } else {
                int budgetBytes = (int) Math.max(0, Math.min(fetch.partitionMaxBytes(), maxBytes - totalBytes));
                read = replicaManager.read(fetch.tp(), fetch.fetchOffset(), budgetBytes, totalBytes == 0,
                    fetch.currentLeaderEpoch());
            }
            anyError |= read.error() != Errors.NONE;
            totalBytes += read.sizeBytes();
            reads.add(read);
        }
        return new Result(partitions, reads, totalBytes, anyError);
    }
}
