package io.rafka.metadata.api;

/**
 * A partition named by topic name (what admin requests carry).
 *
 * <p>Immutable, thread-safe.
 */
public record TopicPartition(String topic, int partition) {

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
