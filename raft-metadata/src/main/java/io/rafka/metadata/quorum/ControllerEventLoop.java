package io.rafka.metadata.quorum;

import io.rafka.common.Time;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.controller.ControllerConfig;
import io.rafka.metadata.controller.ControllerResult;
import io.rafka.metadata.controller.MetadataController;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin shell around {@link MetadataController}: one thread that owns it, feeds it requests and timer ticks,
 * writes its records through the quorum and answers each request only after its records committed. A request
 * that writes nothing is answered after every earlier write committed, so no answer reveals uncommitted state.
 *
 * <p>States: inactive -> active(term) on {@link #activate} (leader ready) -> inactive on {@link #deactivate}
 * (leadership lost) or on a failed write (the view may hold records that will never commit; the controller is
 * rebuilt from the committed image once the writes in flight settle, if this node still leads).
 *
 * <p>Thread-safe: every public method hands work to the event thread.
 */
final class ControllerEventLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerEventLoop.class);
    /** Bounds one Ratis entry (a 10,000-partition topic is one request and still one entry). */
    static final int MAX_BATCH_RECORDS = 5_000;

    private final int nodeId;
    private final ControllerConfig config;
    private final Time time;
    private final long tickIntervalMs;
    private final RecordWriter writer;
    private final IntSupplier leaderIdHint;
    private final ScheduledExecutorService thread;

    // Owned by the event thread.
    // Topic ids come from a SecureRandom per controller: a seeded Random could hand a recreated topic the id of
    // a deleted one after a fail-over, and brokers tell topic incarnations apart by id.
    private MetadataController controller;
    private long activeTerm = -1;
    private CompletableFuture<Long> lastWrite = CompletableFuture.completedFuture(-1L);
    private final List<MetadataRecord> pendingRecords = new ArrayList<>();
    private CompletableFuture<Long> pendingCommit = CompletableFuture.completedFuture(-1L);
    private MetadataImage latestCommitted = MetadataImage.EMPTY;
    private volatile boolean active;

    ControllerEventLoop(int nodeId, ControllerConfig config, Time time, long tickIntervalMs, RecordWriter writer,
                        IntSupplier leaderIdHint) {
        this.nodeId = nodeId;
        this.config = config;
        this.time = time;
        this.tickIntervalMs = tickIntervalMs;
        this.writer = writer;
        this.leaderIdHint = leaderIdHint;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rafka-controller-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::tick, tickIntervalMs, tickIntervalMs, TimeUnit.MILLISECONDS);
    }

    boolean isActive() {
        return active;
    }

    void activate(MetadataImage committed, long term) {
        execute(() -> {
            controller = null;
            flush(); // records an earlier controller decided must never be written under the new term
            latestCommitted = committed;
            activeTerm = term;
            controller = new MetadataController(committed, config, new SecureRandom(), time.milliseconds());
            lastWrite = CompletableFuture.completedFuture(committed.offset());
            active = true;
            LOG.info("Node {} is the active controller for term {} at offset {}", nodeId, term, committed.offset());
        });
    }

    void deactivate() {
        execute(() -> {
            if (controller != null) {
                LOG.info("Node {} is no longer the active controller (term {})", nodeId, activeTerm);
            }
            controller = null;
            active = false;
            flush(); // fails the pending batch: its records were decided by a controller that is gone
            activeTerm = -1;
        });
    }

    void onCommitted(MetadataImage committed) {
        execute(() -> {
            latestCommitted = committed;
            if (controller != null) {
                controller.onCommitted(committed);
            }
        });
    }

    CompletableFuture<ControllerResponse> handle(ControllerRequest request) {
        CompletableFuture<ControllerResponse> answer = new CompletableFuture<>();
        boolean accepted = execute(() -> {
            if (controller == null) {
                answer.complete(new ControllerResponse.NotController(leaderIdHint.getAsInt()));
                return;
            }
            ControllerResult<? extends ControllerResponse> result;
            try {
                result = controller.handle(request, time.milliseconds());
            } catch (RuntimeException e) {
                LOG.error("Controller failed on {}", request, e);
                answer.completeExceptionally(e);
                return;
            }
            CompletableFuture<Long> committed = result.records().isEmpty() ? lastWrite : write(result.records());
            committed.whenComplete((offset, error) -> {
                if (error != null) {
                    answer.complete(new ControllerResponse.NotController(leaderIdHint.getAsInt()));
                } else {
                    answer.complete(result.response());
                }
            });
        });
        if (!accepted) {
            answer.complete(new ControllerResponse.NotController(-1));
        }
        return answer;
    }

    private void tick() {
        if (controller == null) {
            return;
        }
        try {
            List<MetadataRecord> records = controller.handleTick(time.milliseconds());
            if (!records.isEmpty()) {
                write(records);
            }
        } catch (RuntimeException e) {
            LOG.error("Controller tick failed", e);
        }
    }

    /**
     * Queues records for the next batch (called on the event thread). Decisions taken while earlier work waits
     * in the queue are coalesced into one Ratis entry: one append and one fsync round for many requests. The
     * batch is written when the queue drains (the flush task runs after the work already queued) or when it
     * reaches {@link #MAX_BATCH_RECORDS}.
     */
    private CompletableFuture<Long> write(List<MetadataRecord> records) {
        if (pendingRecords.isEmpty()) {
            pendingCommit = new CompletableFuture<>();
            lastWrite = pendingCommit;
            execute(this::flush);
        }
        pendingRecords.addAll(records);
        CompletableFuture<Long> commit = pendingCommit;
        if (pendingRecords.size() >= MAX_BATCH_RECORDS) {
            flush();
        }
        return commit;
    }

    private void flush() {
        if (pendingRecords.isEmpty()) {
            return;
        }
        long term = activeTerm;
        CompletableFuture<Long> commit = pendingCommit;
        List<MetadataRecord> records = List.copyOf(pendingRecords);
        pendingRecords.clear();
        if (controller == null) {
            commit.completeExceptionally(new IllegalStateException("controller of term " + term + " stopped"));
            return;
        }
        writer.write(RecordBatch.of(term, records)).whenComplete((offset, error) -> {
            if (error != null) {
                commit.completeExceptionally(error);
                execute(() -> onWriteFailed(term, error));
            } else {
                commit.complete(offset);
            }
        });
    }

    private void onWriteFailed(long term, Throwable error) {
        if (controller == null || activeTerm != term) {
            return;
        }
        LOG.warn("Controller write failed in term {}; rebuilding the controller from the committed image", term, error);
        controller = null;
        active = false;
        // Rebuilt only if this node still leads the same term; otherwise deactivate/activate take over.
        lastWrite.handle((o, e) -> null).thenRun(() -> execute(() -> {
            if (controller == null && activeTerm == term && leaderIdHint.getAsInt() == nodeId) {
                controller = new MetadataController(latestCommitted, config, new SecureRandom(),
                    time.milliseconds());
                lastWrite = CompletableFuture.completedFuture(latestCommitted.offset());
                active = true;
            }
        }));
    }

    long tickIntervalMs() {
        return tickIntervalMs;
    }

    /** Runs on the owning thread; work arriving after close is dropped (the node is stopping). */
    private boolean execute(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("dropped work after close", e);
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
