package io.rafka.broker.handler.data;

import io.rafka.metadata.api.AllocateProducerIds;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.protocol.Errors;

/**
 * Hands out producer ids from blocks the controller allocates (AllocateProducerIds, 1000 ids a
 * block), so InitProducerId costs a controller round trip only once per block. Concurrent callers
 * that find the block empty share one allocation request.
 *
 * <p>Invariant: {@code nextProducerId <= blockEndExclusive}; ids are never handed out twice, because
 * the controller never hands out a block twice.
 *
 * <p>Thread-safe: the block is guarded by this object's monitor; futures complete outside it.
 */
public final class ProducerIdManager {

    private final ControllerClient controller;
    private final int brokerId;
    private final LongSupplier brokerEpoch;

    private long nextProducerId;
    private long blockEndExclusive;
    /** The allocation in flight, or null. */
    private CompletableFuture<Void> allocation;

    public ProducerIdManager(ControllerClient controller, int brokerId, LongSupplier brokerEpoch) {
        this.controller = controller;
        this.brokerId = brokerId;
        this.brokerEpoch = brokerEpoch;
    }

    /**
     * The next unused producer id. Fails with a retriable {@link CoordinatorNotAvailableException} when
     * the controller cannot be reached, or the controller's error as an {@code ApiException}.
     */
    public CompletableFuture<Long> nextProducerId() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            if (nextProducerId < blockEndExclusive) {
                return CompletableFuture.completedFuture(nextProducerId++);
            }
            if (allocation == null) {
                CompletableFuture<Void> started = controller.allocateProducerIds(brokerId, brokerEpoch.getAsLong())
                    .handle(this::onAllocated);
                // The allocation may already be done (a synchronous client): only keep it while pending.
                allocation = started.isDone() ? null : started;
                pending = started;
            } else {
                pending = allocation;
            }
        }
        return pending.thenCompose(done -> nextProducerId());
    }

    private Void onAllocated(AllocateProducerIds.Response response, Throwable error) {
        synchronized (this) {
            allocation = null;
            if (error == null && response.error().isSuccess()) {
                nextProducerId = response.firstProducerId();
                blockEndExclusive = response.firstProducerId() + response.count();
                return null;
            }
        }
        if (error != null) {
            throw new CompletionException(new CoordinatorNotAvailableException(
                "no producer id block from the controller: " + error));
        }
        throw new CompletionException(Errors.valueOf(response.error().error().name())
            .exception("producer id allocation refused: " + response.error()));
    }
}
