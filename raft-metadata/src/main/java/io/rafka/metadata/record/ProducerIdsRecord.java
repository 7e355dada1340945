package io.rafka.metadata.record;

/**
 * A block of producer ids was handed to a broker; {@code nextProducerId} is the first id of the next block.
 *
 * <p>Immutable, thread-safe.
 */
public record ProducerIdsRecord(int brokerId, long brokerEpoch, long nextProducerId) implements MetadataRecord {
}
