package io.rafka.metadata.image;

import io.rafka.metadata.record.UncleanElection;
import java.util.List;

/**
 * One partition's assignment and leadership.
 *
 * <p>Invariants (checked on replay): ISR is a non-empty subset of replicas without duplicates; the leader is
 * -1 (offline) or a member of the ISR; adding and removing replicas are subsets of replicas; leader epoch and
 * partition epoch only grow. During a reassignment {@code replicas} lists the target replicas first, so the
 * preferred leader is already the target's.
 *
 * <p>Immutable, thread-safe.
 */
public record PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch,
                                    int partitionEpoch, List<Integer> addingReplicas, List<Integer> removingReplicas,
                                    UncleanElection lastUncleanElection) {

    public static final int NO_LEADER = -1;

    public PartitionRegistration {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        addingReplicas = List.copyOf(addingReplicas);
        removingReplicas = List.copyOf(removingReplicas);
    }

    public int preferredLeader() {
        return replicas.get(0);
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean isReassigning() {
        return !addingReplicas.isEmpty() || !removingReplicas.isEmpty();
    }

    /** The replicas a finished reassignment keeps: everything not being removed, in order. */
    public List<Integer> targetReplicas() {
        return replicas.stream().filter(r -> !removingReplicas.contains(r)).toList();
    }
}
