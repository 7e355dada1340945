package io.rafka.metadata.api;

import java.util.List;

/**
 * BrokerRegistration: a broker (re)joins with a fresh incarnation id and gets a broker epoch.
 *
 * <p>Immutable records, thread-safe.
 */
public final class RegisterBroker {
    private RegisterBroker() {}

    public record Request(int brokerId, String incarnationId, List<Endpoint> listeners, String rack)
        implements ControllerRequest {
    }

    public record Response(ApiError error, long brokerEpoch) implements ControllerResponse {
    }
}
