package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An AlterPartition request from a leader: "replace the ISR by {@code proposedIsr}". It names the
 * leader epoch and the partition epoch it was built on; the controller accepts it only if both are
 * still current, so a proposal from a deposed leader or built on an ISR that has since changed is
 * refused ({@link ReplicationError#FENCED_LEADER_EPOCH}, {@link ReplicationError#INVALID_UPDATE_VERSION}).
 * {@code brokerEpochs} gives, for each proposed member other than the leader, the broker epoch of
 * the process whose fetches justified it ({@link FollowerProgress#UNKNOWN_BROKER_EPOCH} if it has not
 * fetched in this leader epoch); the controller refuses a member whose broker has re-registered since
 * ({@link ReplicationError#INELIGIBLE_REPLICA}): that process may have lost what the old one fetched.
 *
 * <p>Immutable; thread-safe.
 */
public record IsrProposal(int leaderId, int leaderEpoch, int partitionEpoch, Set<Integer> proposedIsr,
                          Map<Integer, Long> brokerEpochs, Change change) {

    /** Why the leader asks: exactly one replica joins, or one or more lagging replicas leave. */
    public enum Change { EXPAND, SHRINK }

    public IsrProposal {
        proposedIsr = Collections.unmodifiableSet(new TreeSet<>(proposedIsr));
        brokerEpochs = Collections.unmodifiableMap(new TreeMap<>(brokerEpochs));
        Checks.check(proposedIsr.contains(leaderId), "leader %s proposes an isr %s without itself", leaderId, proposedIsr);
        Checks.check(brokerEpochs.keySet().equals(withoutLeader(proposedIsr, leaderId)),
                "broker epochs %s do not cover the followers of isr %s", brokerEpochs, proposedIsr);
    }

    private static Set<Integer> withoutLeader(Set<Integer> isr, int leaderId) {
        Set<Integer> followers = new TreeSet<>(isr);
        followers.remove(leaderId);
        return followers;
    }
}
