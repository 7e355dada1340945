package io.rafka.metadata.record;

import java.util.List;
import java.util.UUID;

/**
 * A partition's complete state: written when the partition is created and in snapshots. Later changes are
 * {@link PartitionChangeRecord}s.
 *
 * <p>Immutable, thread-safe.
 */
public record PartitionRecord(UUID topicId, int partitionId, List<Integer> replicas, List<Integer> isr, int leader,
                              int leaderEpoch, int partitionEpoch, List<Integer> addingReplicas,
                              List<Integer> removingReplicas, UncleanElection lastUncleanElection)
    implements MetadataRecord {
    public PartitionRecord {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        addingReplicas = addingReplicas == null ? List.of() : List.copyOf(addingReplicas);
        removingReplicas = removingReplicas == null ? List.of() : List.copyOf(removingReplicas);
    }
}
