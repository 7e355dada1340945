package io.rafka.metadata.image;

import io.rafka.metadata.api.Endpoint;
import java.util.List;

/**
 * A registered broker as the metadata log knows it. {@code registeredAtOffset} is the log index of its latest
 * registration: the broker is unfenced only once it reports having applied the log up to there.
 *
 * <p>Immutable, thread-safe.
 */
public record BrokerRegistration(int id, String incarnationId, long epoch, List<Endpoint> endpoints, String rack,
                                 boolean fenced, long registeredAtOffset) {
    public BrokerRegistration {
        endpoints = List.copyOf(endpoints);
    }

    public BrokerRegistration withFenced(boolean newFenced) {
        return new BrokerRegistration(id, incarnationId, epoch, endpoints, rack, newFenced, registeredAtOffset);
    }
}
