package io.rafka.broker.network;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one per connection, so that the
 * handler bodies of pipelined requests start in the order the client sent them and never overlap.
 * Produce appends therefore happen in request order (as in Kafka, which processes one request per
 * connection at a time), while responses that wait (acks=all, long-poll fetches) still complete
 * asynchronously and are reordered by {@link ResponseSequencer}.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread.
 */
final class SerialExecutor implements Executor {

    private final Executor pool;
    /** Guarded by {@code this}. */
    private final Queue<Runnable> pending = new ArrayDeque<>();
    /** Guarded by {@code this}: true while a task of this executor is queued on or running in the pool. */
    private boolean scheduled;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            pending.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        pool.execute(this::runNext);
    }

    private void runNext() {
        Runnable task;
        synchronized (this) {
            task = pending.poll();
        }
        try {
            task.run();
        } finally {
            boolean more;
            synchronized (this) {
                more = !pending.isEmpty();
                scheduled = more;
            }
            if (more) {
                pool.execute(this::runNext);
            }
        }
    }
}
