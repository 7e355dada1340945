package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's view of its ISR, including a change it has proposed and the controller has not yet
 * answered (Kafka's CommittedPartitionState / PendingExpandIsr / PendingShrinkIsr).
 *
 * <p>Two sets matter. {@link #isr()} is the last ISR the controller committed: it decides
 * min.insync.replicas before append, because only committed members can be elected. {@link
 * #maximalIsr()} is every replica that might be in the ISR once the pending change resolves either
 * way: the high watermark waits for all of them, because any of them may be elected leader next.
 * So a pending expansion counts the newcomer at once, and a pending shrink keeps counting the
 * replicas it removes until the controller confirms.
 *
 * <p>Transitions: {@code Committed -> PendingExpand | PendingShrink} (leader proposes);
 * {@code Pending* -> Committed} (controller answers, or newer metadata arrives). At most one change
 * is in flight.
 *
 * <p>Immutable; thread-safe.
 */
public sealed interface IsrState {

    Set<Integer> isr();

    Set<Integer> maximalIsr();

    default boolean isInFlight() {
        return !(this instanceof Committed);
    }

    record Committed(Set<Integer> isr) implements IsrState {
        public Committed {
            isr = sortedCopy(isr);
        }

        @Override
        public Set<Integer> maximalIsr() {
            return isr;
        }
    }

    record PendingExpand(Set<Integer> isr, int joiningReplicaId, IsrProposal proposal) implements IsrState {
        public PendingExpand {
            isr = sortedCopy(isr);
            Checks.check(!isr.contains(joiningReplicaId), "replica %s already in isr %s", joiningReplicaId, isr);
        }

        @Override
        public Set<Integer> maximalIsr() {
            Set<Integer> maximal = new TreeSet<>(isr);
            maximal.add(joiningReplicaId);
            return Collections.unmodifiableSet(maximal);
        }
    }

    record PendingShrink(Set<Integer> isr, Set<Integer> leavingReplicaIds, IsrProposal proposal) implements IsrState {
        public PendingShrink {
            isr = sortedCopy(isr);
            leavingReplicaIds = sortedCopy(leavingReplicaIds);
            Checks.check(isr.containsAll(leavingReplicaIds), "leaving %s not all in isr %s", leavingReplicaIds, isr);
        }

        @Override
        public Set<Integer> maximalIsr() {
            return isr;
        }
    }

    private static Set<Integer> sortedCopy(Set<Integer> ids) {
        return Collections.unmodifiableSet(new TreeSet<>(ids));
    }
}
