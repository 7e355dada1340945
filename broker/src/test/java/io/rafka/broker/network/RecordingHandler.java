package io.rafka.broker.network;

import io.rafka.common.Checks;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Answers every request at once with its own error response carrying {@code error} (works for any
 * API without building real responses), and records what it was asked. Thread-safe.
 */
final class RecordingHandler implements ApiHandler {

    private final ApiKeys apiKey;
    private final short minVersion;
    private final short maxVersion;
    private final Errors error;
    final List<AbstractRequest> received = new CopyOnWriteArrayList<>();

    RecordingHandler(ApiKeys apiKey, Errors error) {
        this(apiKey, apiKey.oldestVersion(), apiKey.latestVersion(false), error);
    }

    RecordingHandler(ApiKeys apiKey, short minVersion, short maxVersion, Errors error) {
        // getErrorResponse needs a real error: NONE would become UNKNOWN_SERVER_ERROR.
        Checks.check(error != Errors.NONE, "RecordingHandler answers with an error code");
        this.apiKey = apiKey;
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
        this.error = error;
    }

    @Override
    public ApiKeys apiKey() {
        return apiKey;
    }

    @Override
    public short minVersion() {
        return minVersion;
    }

    @Override
    public short maxVersion() {
        return maxVersion;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        received.add(request);
        AbstractResponse response = request.getErrorResponse(error.exception());
        // Kafka's answer to a failed acks=0 produce (whose error response is null): close.
        return CompletableFuture.completedFuture(response != null ? response : NoResponse.closingConnection(apiKey));
    }
}
