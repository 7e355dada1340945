package io.rafka.broker.network;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.protocol.ApiKeys;
import org.awaitility.Awaitility;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * A handler whose futures the test completes, in whatever order it likes. Records every call.
 * Thread-safe (copy-on-write list).
 */
final class HeldHandler implements ApiHandler {

    record Held(RequestContext context, AbstractRequest request, CompletableFuture<AbstractResponse> future,
                String threadName) {}

    private final ApiKeys apiKey;
    final List<Held> held = new CopyOnWriteArrayList<>();

    HeldHandler(ApiKeys apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The held request with this correlation id, once it arrives. Look-ups go by id, not by list
     * position: the handler pool may start requests in any order.
     */
    Held awaitRequest(int correlationId) {
        return Awaitility.await().until(
            () -> held.stream().filter(h -> h.context().correlationId() == correlationId).findFirst(),
            Optional::isPresent).orElseThrow();
    }

    void complete(int correlationId, AbstractResponse response) {
        awaitRequest(correlationId).future().complete(response);
    }

    @Override
    public ApiKeys apiKey() {
        return apiKey;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        CompletableFuture<AbstractResponse> future = new CompletableFuture<>();
        held.add(new Held(context, request, future, Thread.currentThread().getName()));
        return future;
    }
}
