package io.rafka.metadata.record;

/**
 * The broker may no longer lead or be in an ISR (its session expired, its connection closed, or it shut down).
 *
 * <p>Immutable, thread-safe.
 */
public record FenceBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {
}
