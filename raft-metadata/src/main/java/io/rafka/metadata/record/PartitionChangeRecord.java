package io.rafka.metadata.record;

import java.util.List;
import java.util.UUID;

/**
 * A change to one partition. Null fields are unchanged. Replay derives the epochs, so they cannot be written
 * wrong: the partition epoch grows by one on every change, the leader epoch by one whenever {@code leader} is
 * present (even when it names the same broker, which is how a leader is fenced after an unclean recovery).
 * {@code uncleanElection} is present only when this change elected a leader outside the ISR.
 *
 * <p>Immutable, thread-safe.
 */
public record PartitionChangeRecord(UUID topicId, int partitionId, Integer leader, List<Integer> isr,
                                    List<Integer> replicas, List<Integer> addingReplicas,
                                    List<Integer> removingReplicas, UncleanElection uncleanElection)
    implements MetadataRecord {
    public PartitionChangeRecord {
        isr = isr == null ? null : List.copyOf(isr);
        replicas = replicas == null ? null : List.copyOf(replicas);
        addingReplicas = addingReplicas == null ? null : List.copyOf(addingReplicas);
        removingReplicas = removingReplicas == null ? null : List.copyOf(removingReplicas);
    }
}
