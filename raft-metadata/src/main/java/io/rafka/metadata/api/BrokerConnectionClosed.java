package io.rafka.metadata.api;

/**
 * The broker's connections closed and its listener refuses new ones: its process is gone. Unless a heartbeat
 * arrives within the grace period the controller fences the broker at once instead of waiting for the session
 * timeout (DESIGN.md, "Fast, safe failure detection"). The report names the broker epoch of the registration
 * it is about, so a late report on a crashed incarnation cannot fence the one that replaced it.
 *
 * <p>Immutable records, thread-safe.
 */
public final class BrokerConnectionClosed {
    private BrokerConnectionClosed() {}

    public record Request(int brokerId, long brokerEpoch) implements ControllerRequest {
    }

    public record Response(ApiError error) implements ControllerResponse {
    }
}
