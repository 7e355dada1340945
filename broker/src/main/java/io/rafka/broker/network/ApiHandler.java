package io.rafka.broker.network;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Serves one Kafka API. The server calls {@link #handle} on a request-handler thread (never on a
 * network thread); a handler that must wait (for the quorum, for replication, for a long poll)
 * returns an incomplete future and completes it later from any thread.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #handle} only sees requests of {@link #apiKey()} at versions the server advertises
 *       (the intersection of {@link #minVersion()}..{@link #maxVersion()} and kafka-clients' own range);
 *   <li>the response must be of the same API; it is written with the request's version;
 *   <li>to send nothing (produce with acks=0), complete with {@link NoResponse#of(ApiKeys)};
 *   <li>a future completed exceptionally, or an exception thrown from {@link #handle}, is answered
 *       with the request's own error response ({@code AbstractRequest.getErrorResponse}), as Kafka does:
 *       an {@code ApiException} maps to its error code, anything else to UNKNOWN_SERVER_ERROR.
 * </ul>
 *
 * <p>Implementations must be thread-safe: requests from many connections are handled concurrently.
 */
public interface ApiHandler {

    ApiKeys apiKey();

    /** Oldest version this handler implements; defaults to the oldest kafka-clients knows. */
    default short minVersion() {
        return apiKey().oldestVersion();
    }

    /** Newest version this handler implements; defaults to the newest stable one kafka-clients knows. */
    default short maxVersion() {
        return apiKey().latestVersion(false);
    }

    CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request);
}
