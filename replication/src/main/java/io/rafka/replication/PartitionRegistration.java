package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The slice of the metadata image replication needs for one partition: who leads, under which
 * epochs, and who is in sync. {@code leaderEpoch} changes with every leader election;
 * {@code partitionEpoch} changes with every change of the partition's record (ISR, replicas, leader),
 * which is how the controller recognises an ISR proposal built on stale state.
 *
 * <p>Invariants: replicas are distinct; the ISR is a non-empty subset of the replicas; a leader
 * ({@code leaderId != NO_LEADER}) is in the ISR.
 *
 * <p>Immutable; thread-safe.
 */
public record PartitionRegistration(int leaderId, int leaderEpoch, int partitionEpoch,
                                    List<Integer> replicas, Set<Integer> isr) {

    public static final int NO_LEADER = -1;

    public PartitionRegistration {
        replicas = List.copyOf(replicas);
        isr = Collections.unmodifiableSet(new TreeSet<>(isr));
        Checks.check(Set.copyOf(replicas).size() == replicas.size(), "duplicate replicas %s", replicas);
        Checks.check(!isr.isEmpty() && replicas.containsAll(isr), "isr %s not a non-empty subset of replicas %s", isr, replicas);
        Checks.check(leaderId == NO_LEADER || isr.contains(leaderId), "leader %s not in isr %s", leaderId, isr);
        Checks.check(leaderEpoch >= 0 && partitionEpoch >= 0, "negative epochs: leader %s partition %s", leaderEpoch, partitionEpoch);
    }

    public boolean hasLeader() {
        return leaderId != NO_LEADER;
    }
}
