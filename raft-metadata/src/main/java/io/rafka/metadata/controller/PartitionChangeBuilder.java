package io.rafka.metadata.controller;

import io.rafka.metadata.api.BrokerHeartbeat.ReplicaReport;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.record.PartitionChangeRecord;
import io.rafka.metadata.record.UncleanElection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * Decides one partition's next state and returns it as "no change" or one {@link PartitionChangeRecord}.
 * The election rules of DESIGN.md live here and nowhere else:
 * <ol>
 *   <li>The current leader stays while it is alive and in the ISR (unless a preferred election moves it).</li>
 *   <li>Clean election: the first replica in assignment order that is in the ISR and alive.</li>
 *   <li>No live ISR member and unclean election disabled: the partition goes offline (leader -1) and keeps its
 *       ISR, so the first ISR member to come back leads again without losing an acknowledged write.</li>
 *   <li>Unclean election enabled: the live replica with the highest (last leader epoch, log end offset) as its
 *       broker last reported wins (a replica that never reported ranks last; ties go to assignment order), the
 *       ISR becomes that replica alone, and the record states how many offsets each other replica must drop.</li>
 *   <li>Preferred election: the first replica, if it is in the ISR and alive.</li>
 * </ol>
 * "Alive" is the caller's predicate: unfenced and not shutting down.
 *
 * <p>Pure; not thread-safe (use one builder per decision, on one thread).
 */
public final class PartitionChangeBuilder {

    /** Reads the last report a broker sent for this partition's replica, or null. */
    @FunctionalInterface
    public interface ReportLookup {
        ReplicaReport report(int brokerId);
    }

    private final UUID topicId;
    private final int partitionId;
    private final PartitionRegistration partition;
    private final IntPredicate isAlive;
    private final boolean uncleanEnabled;
    private final ReportLookup reports;
    private final long nowMs;

    private List<Integer> targetIsr;
    private List<Integer> targetReplicas;
    private List<Integer> targetAdding;
    private List<Integer> targetRemoving;
    private boolean preferredElection;

    public PartitionChangeBuilder(UUID topicId, int partitionId, PartitionRegistration partition, IntPredicate isAlive,
                                  boolean uncleanEnabled, ReportLookup reports, long nowMs) {
        this.topicId = topicId;
        this.partitionId = partitionId;
        this.partition = partition;
        this.isAlive = isAlive;
        this.uncleanEnabled = uncleanEnabled;
        this.reports = reports;
        this.nowMs = nowMs;
        this.targetIsr = partition.isr();
        this.targetReplicas = partition.replicas();
        this.targetAdding = partition.addingReplicas();
        this.targetRemoving = partition.removingReplicas();
    }

    public PartitionChangeBuilder setTargetIsr(List<Integer> isr) {
        this.targetIsr = List.copyOf(isr);
        return this;
    }

    /** Takes a broker out of the ISR unless it is the last member: the last member is who the partition waits for. */
    public PartitionChangeBuilder removeFromIsr(int brokerId) {
        List<Integer> shrunk = targetIsr.stream().filter(r -> r != brokerId).toList();
        if (!shrunk.isEmpty()) {
            targetIsr = shrunk;
        }
        return this;
    }

    public PartitionChangeBuilder setTargetAssignment(List<Integer> replicas, List<Integer> adding, List<Integer> removing) {
        this.targetReplicas = List.copyOf(replicas);
        this.targetAdding = List.copyOf(adding);
        this.targetRemoving = List.copyOf(removing);
        return this;
    }

    public PartitionChangeBuilder electPreferred() {
        this.preferredElection = true;
        return this;
    }

    public Optional<PartitionChangeRecord> build() {
        List<Integer> isr = targetIsr.stream().filter(targetReplicas::contains).toList();
        if (isr.isEmpty()) {
            // The new assignment would drop every ISR member: refuse it rather than forget who has the data.
            // Callers validate this first; this keeps the builder from ever producing an invalid partition.
            targetReplicas = partition.replicas();
            targetAdding = partition.addingReplicas();
            targetRemoving = partition.removingReplicas();
            isr = targetIsr.stream().filter(targetReplicas::contains).toList();
            if (isr.isEmpty()) {
                isr = partition.isr();
            }
        }
        int leader;
        UncleanElection unclean = null;
        Integer preferred = targetReplicas.get(0);
        if (preferredElection && isr.contains(preferred) && isAlive.test(preferred)) {
            leader = preferred;
        } else if (partition.hasLeader() && isr.contains(partition.leader()) && isAlive.test(partition.leader())
            && targetReplicas.contains(partition.leader())) {
            leader = partition.leader();
        } else {
            leader = cleanLeader(isr);
            if (leader == PartitionRegistration.NO_LEADER && uncleanEnabled) {
                unclean = uncleanElection();
                if (unclean != null) {
                    leader = unclean.leaderId();
                    isr = List.of(leader);
                }
            }
        }
        return toRecord(leader, isr, unclean);
    }

    private int cleanLeader(List<Integer> isr) {
        for (int replica : targetReplicas) {
            if (isr.contains(replica) && isAlive.test(replica)) {
                return replica;
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    private UncleanElection uncleanElection() {
        int best = PartitionRegistration.NO_LEADER;
        ReplicaReport bestReport = null;
        for (int replica : targetReplicas) {
            if (!isAlive.test(replica)) {
                continue;
            }
            ReplicaReport report = reports.report(replica);
            if (best == PartitionRegistration.NO_LEADER || holdsMore(report, bestReport)) {
                best = replica;
                bestReport = report;
            }
        }
        if (best == PartitionRegistration.NO_LEADER) {
            return null;
        }
        int winnerEpoch = bestReport == null ? -1 : bestReport.lastLeaderEpoch();
        long winnerLogEndOffset = bestReport == null ? 0 : bestReport.logEndOffset();
        Map<Integer, Long> toDrop = new HashMap<>();
        for (int replica : targetReplicas) {
            ReplicaReport report = replica == best ? null : reports.report(replica);
            if (report != null) {
                toDrop.put(replica, Math.max(0, report.logEndOffset() - winnerLogEndOffset));
            }
        }
        return new UncleanElection(best, winnerEpoch, winnerLogEndOffset, toDrop, nowMs);
    }

    private static boolean holdsMore(ReplicaReport candidate, ReplicaReport best) {
        if (candidate == null) {
            return false;
        }
        if (best == null) {
            return true;
        }
        if (candidate.lastLeaderEpoch() != best.lastLeaderEpoch()) {
            return candidate.lastLeaderEpoch() > best.lastLeaderEpoch();
        }
        return candidate.logEndOffset() > best.logEndOffset();
    }

    private Optional<PartitionChangeRecord> toRecord(int leader, List<Integer> isr, UncleanElection unclean) {
        boolean leaderChanged = leader != partition.leader() || unclean != null;
        boolean isrChanged = !isr.equals(partition.isr());
        boolean replicasChanged = !targetReplicas.equals(partition.replicas());
        boolean addingChanged = !targetAdding.equals(partition.addingReplicas());
        boolean removingChanged = !targetRemoving.equals(partition.removingReplicas());
        if (!leaderChanged && !isrChanged && !replicasChanged && !addingChanged && !removingChanged) {
            return Optional.empty();
        }
        return Optional.of(new PartitionChangeRecord(topicId, partitionId,
            leaderChanged ? Integer.valueOf(leader) : null,
            isrChanged ? new ArrayList<>(isr) : null,
            replicasChanged ? targetReplicas : null,
            addingChanged ? targetAdding : null,
            removingChanged ? targetRemoving : null,
            unclean));
    }

    @Override
    public String toString() {
        return "PartitionChangeBuilder(" + topicId + "-" + partitionId + ", " + Objects.toString(partition) + ")";
    }
}
