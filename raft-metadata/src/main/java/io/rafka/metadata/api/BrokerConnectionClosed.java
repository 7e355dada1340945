package io.rafka.metadata.api;

/**
 * The broker's heartbeat connection closed. Unless a heartbeat arrives within the grace period the
 * controller fences the broker at once instead of waiting for the session timeout (DESIGN.md, "Fast, safe
 * failure detection").
 *
 * <p>Immutable records, thread-safe.
 */
public final class BrokerConnectionClosed {
    private BrokerConnectionClosed() {}

    public record Request(int brokerId) implements ControllerRequest {
    }

    public record Response(ApiError error) implements ControllerResponse {
    }
}
