package io.rafka.metadata.image;

import java.util.Map;
import java.util.UUID;

/**
 * A topic and its partitions (partition id -> registration, ids 0..n-1).
 *
 * <p>Immutable, thread-safe.
 */
public record TopicImage(String name, UUID id, Map<Integer, PartitionRegistration> partitions) {
    public TopicImage {
        partitions = Map.copyOf(partitions);
    }

    public PartitionRegistration partition(int partitionId) {
        return partitions.get(partitionId);
    }
}
