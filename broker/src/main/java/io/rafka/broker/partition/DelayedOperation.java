package io.rafka.broker.partition;

/**
 * A request parked until the partitions it watches change (a long-polling Fetch waiting for
 * {@code fetch.min.bytes}). {@link FetchWaiters} calls {@link #tryComplete()} after every high-watermark
 * move or role change of a watched partition; the operation re-checks its own condition.
 *
 * <p>Implementations must be thread-safe and idempotent: {@code tryComplete} may run concurrently from
 * several appending threads and after completion, and must answer the client exactly once. It runs on
 * the appending thread, so it must be cheap (no copying, no disk reads beyond index lookups) and hand
 * heavy work to an executor.
 */
public interface DelayedOperation {

    /** Re-checks the condition; completes the operation if it holds. Returns true once completed. */
    boolean tryComplete();

    boolean isCompleted();
}
