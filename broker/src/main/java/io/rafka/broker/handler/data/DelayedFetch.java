package io.rafka.broker.handler.data;

import io.rafka.broker.partition.DelayedOperation;
import io.rafka.broker.partition.ReplicaManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * A Fetch long poll: parked until its partitions hold {@code minBytes} (counted within the request's
 * byte budgets), a partition fails (leadership moved, deleted), or {@code maxWaitMs} passes; then it
 * answers with what is there at that moment.
 *
 * <p>The check re-reads without copying (index lookups only), on whichever thread woke it; building
 * the response copies bytes and runs on {@code completionExecutor}.
 *
 * <p>Thread-safe: {@code completed} makes the answer happen exactly once.
 */
final class DelayedFetch implements DelayedOperation {

    private final ReplicaManager replicaManager;
    private final FetchReads.PartitionReader reader;
    private final List<PartitionFetch> partitions;
    private final int maxBytes;
    private final int minBytes;
    private final Executor completionExecutor;
    private final CompletableFuture<AbstractResponse> response;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    DelayedFetch(ReplicaManager replicaManager, FetchReads.PartitionReader reader, List<PartitionFetch> partitions,
                 int maxBytes, int minBytes, Executor completionExecutor, CompletableFuture<AbstractResponse> response) {
        this.replicaManager = replicaManager;
        this.reader = reader;
        this.partitions = partitions;
        this.maxBytes = maxBytes;
        this.minBytes = minBytes;
        this.completionExecutor = completionExecutor;
        this.response = response;
    }

    /** Parks this fetch and arms its timeout. */
    void start(long maxWaitMs) {
        timeout = replicaManager.schedule(this::forceComplete, maxWaitMs);
        replicaManager.watch(this, partitions.stream().filter(p -> p.tp() != null).map(PartitionFetch::tp).toList());
    }

    @Override
    public boolean tryComplete() {
        if (completed.get()) {
            return true;
        }
        FetchReads.Result result = FetchReads.readAll(reader, partitions, maxBytes);
        if (result.totalBytes() >= minBytes || result.anyError()) {
            forceComplete();
            return true;
        }
        return false;
    }

    private void forceComplete() {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> armed = timeout;
        if (armed != null) {
            armed.cancel(false);
        }
        completionExecutor.execute(() -> {
            try {
                // Read again at answer time: whatever arrived since the check is sent too.
                response.complete(FetchResponses.build(FetchReads.readAll(reader, partitions, maxBytes)));
            } catch (RuntimeException | Error e) {
                response.completeExceptionally(e);
            }
        });
    }

    @Override
    public boolean isCompleted() {
        return completed.get();
    }
}
