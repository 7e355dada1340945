package io.rafka.broker.network;

import io.rafka.common.Checks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs handlers on the request-handler pool ({@code num.io.threads}) so that no handler body ever
 * runs on a Netty event loop, and turns every failure into the request's own error response.
 *
 * <p>The returned future completes normally with a response (or {@link NoResponse}); it completes
 * exceptionally only when even the error response cannot be built, and the connection is closed.
 *
 * <p>Handler bodies of one connection run one at a time in arrival order ({@link SerialExecutor}), so
 * pipelined produce requests are appended in the order they were sent; different connections run in
 * parallel.
 *
 * <p>NB: the pool's queue is unbounded here; what bounds it is the per-connection in-flight limit
 * ({@code connection.max.inflight.requests}) times the number of connections.
 *
 * <p>Thread-safe.
 */
final class RequestDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final ApiHandlerRegistry registry;
    private final ExecutorService pool;

    RequestDispatcher(ApiHandlerRegistry registry, int ioThreads) {
        this.registry = registry;
        this.pool = new ThreadPoolExecutor(ioThreads, ioThreads, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), namedThreads("rafka-request-handler-"));
    }

    /** An executor for one connection's handler bodies: in arrival order, one at a time. */
    Executor newConnectionExecutor() {
        return new SerialExecutor(pool);
    }

    CompletableFuture<AbstractResponse> dispatch(RequestContext context, AbstractRequest request, Executor connection) {
        ApiHandler handler = registry.handler(context.apiKey())
            .orElseThrow(() -> new Checks.InvariantViolation("parser accepted unserved API " + context.apiKey()));
        CompletableFuture<AbstractResponse> result = new CompletableFuture<>();
        try {
            connection.execute(() -> invoke(handler, context, request, result));
        } catch (RejectedExecutionException e) {
            // Only while shutting down: the pool refuses new work.
            completeWithError(context, request, e, result);
        }
        return result;
    }

    private static void invoke(ApiHandler handler, RequestContext context, AbstractRequest request,
                               CompletableFuture<AbstractResponse> result) {
        CompletableFuture<AbstractResponse> handled;
        try {
            handled = handler.handle(context, request);
            Checks.check(handled != null, "handler %s returned a null future", handler);
        } catch (RuntimeException | Error e) {
            completeWithError(context, request, e, result);
            return;
        }
        handled.whenComplete((response, error) -> {
            if (error != null) {
                completeWithError(context, request, error, result);
            } else if (response == null) {
                completeWithError(context, request,
                    new Checks.InvariantViolation("handler " + handler + " completed with a null response"), result);
            } else {
                result.complete(response);
            }
        });
    }

    private static void completeWithError(RequestContext context, AbstractRequest request, Throwable error,
                                          CompletableFuture<AbstractResponse> result) {
        Throwable cause = unwrap(error);
        if (cause instanceof ApiException) {
            log.debug("{} from {} on {} failed: {}", context.apiKey(), context.clientId(), context.connectionId(),
                cause.toString());
        } else {
            // Not an operating error: a handler bug. Answer like Kafka (UNKNOWN_SERVER_ERROR), loudly.
            log.error("Unexpected error handling {} v{} from {} on {}", context.apiKey(), context.apiVersion(),
                context.clientId(), context.connectionId(), cause);
        }
        try {
            AbstractResponse errorResponse = request.getErrorResponse(cause);
            // Null for a produce with acks=0: the client never reads a response, so Kafka closes the
            // connection to tell it something failed. Same here.
            result.complete(errorResponse != null ? errorResponse : NoResponse.closingConnection(request.apiKey()));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("Request handlers still busy after {} ms; interrupting them", SHUTDOWN_WAIT_MS);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory namedThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
