package io.rafka.replication.sim;

import io.rafka.replication.FollowerProgress;
import io.rafka.replication.IsrProposal;
import io.rafka.replication.PartitionRegistration;
import io.rafka.replication.ReplicationError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A fake controller for one partition, following DESIGN.md: clean elections only (the first replica
 * in assignment order that is in the ISR and not fenced), ISR proposals validated by leader epoch
 * and partition epoch, and a crashed broker fenced at once and removed from the ISR unless it is
 * the last member (Kafka keeps the last member so that it can be elected again when it returns).
 * A returning broker registers with a new broker epoch; proposals that vouch for an older one are
 * refused (KIP-903).
 * Every change bumps the partition epoch and is published to every node.
 *
 * <p>Not thread-safe: the simulation is single-threaded.
 */
final class SimController {

    static final int ID = 0;

    private final Consumer<PartitionRegistration> publisher;
    private final Set<Integer> fenced = new TreeSet<>();
    /** Current registration epoch of each broker that has restarted at least once; absent means 0. */
    private final Map<Integer, Long> brokerEpochs = new TreeMap<>();
    private PartitionRegistration registration;
    private int elections;
    private int committedIsrChanges;
    private int offlineEvents;

    SimController(PartitionRegistration initial, Consumer<PartitionRegistration> publisher) {
        this.registration = initial;
        this.publisher = publisher;
    }

    PartitionRegistration registration() {
        return registration;
    }

    /** The answer to an AlterPartition request. */
    SimMessage.AlterPartitionResponse handleAlterPartition(IsrProposal proposal) {
        if (proposal.leaderEpoch() != registration.leaderEpoch() || proposal.leaderId() != registration.leaderId()) {
            return rejected(proposal, ReplicationError.FENCED_LEADER_EPOCH);
        }
        if (proposal.partitionEpoch() != registration.partitionEpoch()) {
            return rejected(proposal, ReplicationError.INVALID_UPDATE_VERSION);
        }
        for (int replicaId : proposal.proposedIsr()) {
            if (fenced.contains(replicaId) || !registration.replicas().contains(replicaId)) {
                return rejected(proposal, ReplicationError.INELIGIBLE_REPLICA);
            }
        }
        for (Map.Entry<Integer, Long> member : proposal.brokerEpochs().entrySet()) {
            long seenEpoch = member.getValue();
            if (seenEpoch != FollowerProgress.UNKNOWN_BROKER_EPOCH && seenEpoch != brokerEpochs.getOrDefault(member.getKey(), 0L)) {
                // The leader judged a previous life of this broker, which may have had more data.
                return rejected(proposal, ReplicationError.INELIGIBLE_REPLICA);
            }
        }
        committedIsrChanges++;
        publish(new PartitionRegistration(registration.leaderId(), registration.leaderEpoch(),
                registration.partitionEpoch() + 1, registration.replicas(), proposal.proposedIsr()));
        return new SimMessage.AlterPartitionResponse(proposal, ReplicationError.NONE, Optional.of(registration));
    }

    /** The broker's process died: fence it, drop it from the ISR, and elect a new leader if it led. */
    void fence(int nodeId) {
        fenced.add(nodeId);
        Set<Integer> isr = new TreeSet<>(registration.isr());
        if (isr.size() > 1) {
            isr.remove(nodeId);
        }
        boolean mustElect = registration.leaderId() == nodeId;
        if (!mustElect && isr.equals(registration.isr())) {
            return;
        }
        if (mustElect) {
            changeLeader(firstEligible(isr), isr);
        } else {
            publish(new PartitionRegistration(registration.leaderId(), registration.leaderEpoch(),
                    registration.partitionEpoch() + 1, registration.replicas(), isr));
        }
    }

    /**
     * The broker is back, registered as {@code brokerEpoch}: unfence it, and elect it if the partition
     * was offline waiting for an ISR member.
     */
    void unfence(int nodeId, long brokerEpoch) {
        fenced.remove(nodeId);
        brokerEpochs.put(nodeId, brokerEpoch);
        if (!registration.hasLeader()) {
            int leader = firstEligible(registration.isr());
            if (leader != PartitionRegistration.NO_LEADER) {
                changeLeader(leader, registration.isr());
            }
        }
    }

    /**
     * A clean leadership move (preferred-leader election or controlled shutdown): to {@code target}
     * if it is an unfenced ISR member other than the leader. Returns whether leadership moved.
     */
    boolean moveLeadership(int target) {
        if (!registration.hasLeader() || target == registration.leaderId()
                || !registration.isr().contains(target) || fenced.contains(target)) {
            return false;
        }
        changeLeader(target, registration.isr());
        return true;
    }

    boolean isFenced(int nodeId) {
        return fenced.contains(nodeId);
    }

    int elections() {
        return elections;
    }

    int committedIsrChanges() {
        return committedIsrChanges;
    }

    int offlineEvents() {
        return offlineEvents;
    }

    private int firstEligible(Set<Integer> isr) {
        for (int replicaId : registration.replicas()) {
            if (isr.contains(replicaId) && !fenced.contains(replicaId)) {
                return replicaId;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    private void changeLeader(int newLeader, Set<Integer> isr) {
        if (newLeader == PartitionRegistration.NO_LEADER) {
            offlineEvents++;
        } else {
            elections++;
        }
        publish(new PartitionRegistration(newLeader, registration.leaderEpoch() + 1,
                registration.partitionEpoch() + 1, registration.replicas(), isr));
    }

    private void publish(PartitionRegistration next) {
        registration = next;
        publisher.accept(next);
    }

    private static SimMessage.AlterPartitionResponse rejected(IsrProposal proposal, ReplicationError error) {
        return new SimMessage.AlterPartitionResponse(proposal, error, Optional.empty());
    }

    static PartitionRegistration initialRegistration(List<Integer> replicas) {
        return new PartitionRegistration(replicas.get(0), 0, 0, replicas, Set.copyOf(replicas));
    }
}
