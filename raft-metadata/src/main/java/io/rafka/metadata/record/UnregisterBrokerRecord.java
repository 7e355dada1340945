package io.rafka.metadata.record;

/**
 * The broker left the cluster for good.
 *
 * <p>Immutable, thread-safe.
 */
public record UnregisterBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {
}
