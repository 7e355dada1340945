package io.rafka.metadata.api;

/**
 * AllocateProducerIds: hands a broker the next block of producer ids.
 *
 * <p>Immutable records, thread-safe.
 */
public final class AllocateProducerIds {
    private AllocateProducerIds() {}

    public static final int BLOCK_SIZE = 1000;

    public record Request(int brokerId, long brokerEpoch) implements ControllerRequest {
    }

    public record Response(ApiError error, long firstProducerId, int count) implements ControllerResponse {
    }
}
