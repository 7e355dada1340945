package io.rafka.metadata.api;

/**
 * UnregisterBroker: the broker leaves the cluster for good (decommissioning); its replicas stay assigned.
 *
 * <p>Immutable records, thread-safe.
 */
public final class UnregisterBroker {
    private UnregisterBroker() {}

    public record Request(int brokerId) implements ControllerRequest {
    }

    public record Response(ApiError error) implements ControllerResponse {
    }
}
