package io.rafka.metadata.record;

import io.rafka.metadata.api.Endpoint;
import java.util.List;

/**
 * A broker registered (or re-registered after a restart) with a new broker epoch; it starts fenced.
 * {@code registeredAtOffset} is null when the controller writes the record (replay takes the entry's log
 * index) and set when a snapshot writes it, so a snapshot restores the same image as a full replay.
 *
 * <p>Immutable, thread-safe.
 */
public record RegisterBrokerRecord(int brokerId, String incarnationId, long brokerEpoch, List<Endpoint> endpoints,
                                   String rack, Long registeredAtOffset) implements MetadataRecord {
    public RegisterBrokerRecord {
        endpoints = List.copyOf(endpoints);
    }

    public RegisterBrokerRecord(int brokerId, String incarnationId, long brokerEpoch, List<Endpoint> endpoints,
                                String rack) {
        this(brokerId, incarnationId, brokerEpoch, endpoints, rack, null);
    }
}
