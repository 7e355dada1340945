package io.rafka.metadata.api;

/**
 * ControlledShutdown: move leadership off the broker, take it out of every ISR it can leave, then fence it.
 *
 * <p>Immutable records, thread-safe.
 */
public final class ControlledShutdown {
    private ControlledShutdown() {}

    public record Request(int brokerId, long brokerEpoch) implements ControllerRequest {
    }

    public record Response(ApiError error) implements ControllerResponse {
    }
}
