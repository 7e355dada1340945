package io.rafka.broker.network;

import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Marker a handler completes with when the request gets no response on the wire: produce with
 * acks=0. The connection keeps its request order: the marker takes its place in the sequence and
 * nothing is written for it.
 *
 * <p>{@link #closingConnection(ApiKeys)} additionally closes the connection once every earlier
 * response is written: Kafka's answer to an acks=0 produce that failed, since that client would
 * otherwise never learn about the error.
 *
 * <p>Immutable, thread-safe. Never serialized: {@link #data()} throws.
 */
public final class NoResponse extends AbstractResponse {

    private final boolean closeConnection;

    private NoResponse(ApiKeys apiKey, boolean closeConnection) {
        super(apiKey);
        this.closeConnection = closeConnection;
    }

    /** Send nothing for this request. */
    public static NoResponse of(ApiKeys apiKey) {
        return new NoResponse(apiKey, false);
    }

    /** Send nothing for this request and close the connection after the earlier responses. */
    public static NoResponse closingConnection(ApiKeys apiKey) {
        return new NoResponse(apiKey, true);
    }

    public boolean closeConnection() {
        return closeConnection;
    }

    @Override
    public ApiMessage data() {
        throw new UnsupportedOperationException("NoResponse is a marker and has no wire form");
    }

    @Override
    public Map<Errors, Integer> errorCounts() {
        return Map.of();
    }

    @Override
    public int throttleTimeMs() {
        return DEFAULT_THROTTLE_TIME;
    }

    @Override
    public void maybeSetThrottleTimeMs(int throttleTimeMs) {
        // Nothing is sent, so there is nowhere to report throttling.
    }

    @Override
    public String toString() {
        return "NoResponse(" + apiKey() + (closeConnection ? ", close connection)" : ")");
    }
}
