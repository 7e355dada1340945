package io.rafka.metadata.record;

/**
 * The broker caught up with the metadata log and may lead and join ISRs again.
 *
 * <p>Immutable, thread-safe.
 */
public record UnfenceBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {
}
