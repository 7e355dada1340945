package io.rafka.metadata.quorum;

import io.rafka.metadata.record.RecordBatch;
import java.util.concurrent.CompletableFuture;

/**
 * Appends a batch through the quorum; completes with its log index once it is committed and applied here.
 * Called only from the controller's event thread; batches are appended in call order.
 */
@FunctionalInterface
interface RecordWriter {
    CompletableFuture<Long> write(RecordBatch batch);
}
