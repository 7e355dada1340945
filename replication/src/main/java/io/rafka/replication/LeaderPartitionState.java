package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One partition as its leader sees it during one leader epoch: followers' progress, the ISR (with
 * at most one proposed change in flight), and the high watermark. Pure decisions: every input
 * arrives as an argument, time included ({@code nowMs}); outputs are return values (a moved high
 * watermark, an ISR proposal for the controller, an error code). A new leader epoch is a new
 * instance ({@link #becomeLeader}); losing leadership means dropping the instance.
 *
 * <p>Invariants, checked where the state changes:
 * <ul>
 *   <li>{@code highWatermark <= leaderLogEndOffset}, and neither ever decreases in this epoch (the
 *       leader never truncates while it leads);</li>
 *   <li>{@code highWatermark} is raised only to the minimum log end offset over the
 *       <em>maximal</em> ISR (see {@link IsrState}), so every record below it is on every replica
 *       that could be elected next;</li>
 *   <li>the local replica is always in the ISR; every ISR member is a replica.</li>
 * </ul>
 *
 * <p>The owner must report every local append ({@link #onLeaderAppend}) before serving fetches that
 * could see it.
 *
 * <p>Not thread-safe: owned by the partition's single owner thread (or guarded by its lock).
 */
public final class LeaderPartitionState {

    private final int localReplicaId;
    private final int leaderEpoch;
    /** The log end offset when this epoch began: a follower must reach it before joining the ISR. */
    private final long leaderEpochStartOffset;

    private int partitionEpoch;
    private List<Integer> replicas;
    private IsrState isrState;
    /** One entry per replica other than the leader, keyed by replica id. */
    private final Map<Integer, FollowerProgress> followers = new TreeMap<>();
    private long leaderLogEndOffset;
    private long highWatermark;

    private LeaderPartitionState(int localReplicaId, PartitionRegistration registration,
                                 long leaderLogEndOffset, long highWatermark) {
        this.localReplicaId = localReplicaId;
        this.leaderEpoch = registration.leaderEpoch();
        this.leaderEpochStartOffset = leaderLogEndOffset;
        this.partitionEpoch = registration.partitionEpoch();
        this.replicas = registration.replicas();
        this.isrState = new IsrState.Committed(registration.isr());
        this.leaderLogEndOffset = leaderLogEndOffset;
        this.highWatermark = highWatermark;
    }

    /**
     * Leader state for the epoch in {@code registration}, which must name this replica as leader.
     * {@code highWatermark} is the one this replica knew as a follower; it may be behind the old
     * leader's and only catches up once every ISR member has fetched in the new epoch.
     */
    public static LeaderPartitionState becomeLeader(int localReplicaId, PartitionRegistration registration,
                                                    long leaderLogEndOffset, long highWatermark, long nowMs) {
        Checks.check(registration.leaderId() == localReplicaId,
                "replica %s asked to lead a partition registered with leader %s", localReplicaId, registration.leaderId());
        Checks.check(highWatermark >= 0 && highWatermark <= leaderLogEndOffset,
                "high watermark %s outside [0, log end offset %s]", highWatermark, leaderLogEndOffset);
        LeaderPartitionState state = new LeaderPartitionState(localReplicaId, registration, leaderLogEndOffset, highWatermark);
        for (int replicaId : registration.replicas()) {
            if (replicaId != localReplicaId) {
                state.followers.put(replicaId, FollowerProgress.atLeaderStart(registration.isr().contains(replicaId), nowMs));
            }
        }
        state.maybeIncrementHighWatermark();
        return state;
    }

    /**
     * Whether a follower's Fetch may be served, checked before reading the log. In this order: the
     * request's leader epoch; the replica and its broker epoch; divergence of the follower's tail
     * (a follower ahead of the leader must learn where it diverged, not get OFFSET_OUT_OF_RANGE);
     * and only then the fetch offset's range. An error here is an operating condition (stale
     * metadata on either side), never a bug.
     *
     * @param lastFetchedEpoch epoch of the follower's last record, or {@link EpochEndOffset#UNDEFINED_EPOCH}
     * @param leaderLog this leader's log, whose end must be the one last reported here
     */
    public FetchValidation validateFollowerFetch(int replicaId, long brokerEpoch, int requestLeaderEpoch,
                                                 long fetchOffset, int lastFetchedEpoch, ReplicaLogView leaderLog) {
        Checks.check(leaderLog.logEndOffset() == leaderLogEndOffset,
                "leader log ends at %s but %s was last reported", leaderLog.logEndOffset(), leaderLogEndOffset);
        if (requestLeaderEpoch < leaderEpoch) {
            return FetchValidation.failed(ReplicationError.FENCED_LEADER_EPOCH);
        }
        if (requestLeaderEpoch > leaderEpoch) {
            return FetchValidation.failed(ReplicationError.UNKNOWN_LEADER_EPOCH);
        }
        FollowerProgress progress = followers.get(replicaId);
        if (progress == null || progress.isStaleBrokerEpoch(brokerEpoch)) {
            // Not a replica, or a fetch from a previous life of the broker still in flight (Kafka answers the same).
            return FetchValidation.failed(ReplicationError.NOT_LEADER_OR_FOLLOWER);
        }
        Optional<EpochEndOffset> diverging = FetchDivergence.check(leaderLog, fetchOffset, lastFetchedEpoch);
        if (diverging.isPresent()) {
            return FetchValidation.diverging(diverging.get());
        }
        if (fetchOffset < 0 || fetchOffset > leaderLogEndOffset) {
            return FetchValidation.failed(ReplicationError.OFFSET_OUT_OF_RANGE);
        }
        return FetchValidation.SERVE;
    }

    /**
     * Records a fetch of {@code fetchOffset} by follower {@code replicaId} running as broker epoch
     * {@code brokerEpoch}, served at {@code nowMs} while the leader's log ended at
     * {@code leaderLogEndOffset}. Call only for fetches {@link #validateFollowerFetch} passed and that
     * said to {@linkplain FetchValidation#serveRecords() serve}.
     *
     * @return whether the high watermark advanced (acks=all waiters may complete)
     */
    public boolean onFollowerFetch(int replicaId, long brokerEpoch, long fetchOffset, long leaderLogEndOffset, long nowMs) {
        FollowerProgress progress = followers.get(replicaId);
        Checks.check(progress != null, "fetch from %s, not a follower of %s", replicaId, replicas);
        advanceLeaderLogEndOffset(leaderLogEndOffset);
        followers.put(replicaId, progress.afterFetch(brokerEpoch, fetchOffset, leaderLogEndOffset, nowMs));
        return maybeIncrementHighWatermark();
    }

    /**
     * Records that the local log now ends at {@code newLogEndOffset}.
     *
     * @return whether the high watermark advanced (only when the leader is alone in the maximal ISR)
     */
    public boolean onLeaderAppend(long newLogEndOffset) {
        advanceLeaderLogEndOffset(newLogEndOffset);
        return maybeIncrementHighWatermark();
    }

    /**
     * Proposes removing every ISR follower that has not been caught up within
     * {@code replicaLagTimeMaxMs}. Nothing while another change is in flight: one proposal at a time,
     * each built on the last committed ISR.
     */
    public Optional<IsrProposal> maybeShrinkIsr(long nowMs, long replicaLagTimeMaxMs) {
        if (isrState.isInFlight()) {
            return Optional.empty();
        }
        Set<Integer> lagging = new TreeSet<>();
        for (int replicaId : isrState.isr()) {
            if (replicaId != localReplicaId
                    && !followers.get(replicaId).isCaughtUp(leaderLogEndOffset, nowMs, replicaLagTimeMaxMs)) {
                lagging.add(replicaId);
            }
        }
        if (lagging.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> proposedIsr = new TreeSet<>(isrState.isr());
        proposedIsr.removeAll(lagging);
        IsrProposal proposal = proposal(proposedIsr, IsrProposal.Change.SHRINK);
        isrState = new IsrState.PendingShrink(isrState.isr(), lagging, proposal);
        return Optional.of(proposal);
    }

    /**
     * Proposes adding {@code replicaId} back to the ISR once its log reaches both the high watermark
     * and the start of this leader epoch. The second condition matters when this leader's high
     * watermark lags its log (fresh leader): a follower that joined without the previous epochs' tail
     * could be elected and lose records the old leader had acknowledged.
     */
    public Optional<IsrProposal> maybeExpandIsr(int replicaId) {
        FollowerProgress progress = followers.get(replicaId);
        if (isrState.isInFlight() || progress == null || isrState.isr().contains(replicaId)) {
            return Optional.empty();
        }
        long followerEnd = progress.logEndOffset();
        if (followerEnd < highWatermark || followerEnd < leaderEpochStartOffset) {
            return Optional.empty();
        }
        Set<Integer> proposedIsr = new TreeSet<>(isrState.isr());
        proposedIsr.add(replicaId);
        IsrProposal proposal = proposal(proposedIsr, IsrProposal.Change.EXPAND);
        isrState = new IsrState.PendingExpand(isrState.isr(), replicaId, proposal);
        return Optional.of(proposal);
    }

    /**
     * Adopts a registration of this same leader epoch that the controller committed (an accepted
     * proposal, or a change the controller made itself, such as fencing a broker). Registrations no
     * newer than the current partition epoch are ignored. Whatever was pending is resolved by it.
     *
     * @return whether the high watermark advanced
     */
    public boolean applyRegistration(PartitionRegistration registration, long nowMs) {
        Checks.check(registration.leaderEpoch() == leaderEpoch && registration.leaderId() == localReplicaId,
                "registration %s is not for leader %s in epoch %s: become leader or follower instead",
                registration, localReplicaId, leaderEpoch);
        if (registration.partitionEpoch() <= partitionEpoch) {
            return false;
        }
        partitionEpoch = registration.partitionEpoch();
        replicas = registration.replicas();
        isrState = new IsrState.Committed(registration.isr());
        followers.keySet().retainAll(replicas);
        for (int replicaId : replicas) {
            if (replicaId != localReplicaId) {
                followers.putIfAbsent(replicaId, FollowerProgress.atLeaderStart(false, nowMs));
            }
        }
        return maybeIncrementHighWatermark();
    }

    /**
     * The controller definitively refused {@code proposal}: fall back to the committed ISR. Call this
     * only on a refusal, never on a timeout, where the controller may have committed it after all.
     *
     * @return whether the high watermark advanced (dropping a pending newcomer can release it)
     */
    public boolean onIsrProposalRejected(IsrProposal proposal) {
        boolean pendingIsThis = (isrState instanceof IsrState.PendingExpand expand && expand.proposal().equals(proposal))
                || (isrState instanceof IsrState.PendingShrink shrink && shrink.proposal().equals(proposal));
        if (!pendingIsThis) {
            return false;
        }
        isrState = new IsrState.Committed(isrState.isr());
        return maybeIncrementHighWatermark();
    }

    /** min.insync.replicas before an acks=all append: counted on the committed ISR, the electable set. */
    public ReplicationError canAppend(int minInsyncReplicas) {
        return isrState.isr().size() < minInsyncReplicas ? ReplicationError.NOT_ENOUGH_REPLICAS : ReplicationError.NONE;
    }

    /**
     * The acks=all verdict for a batch ending at {@code lastOffset}: empty while the high watermark
     * has not passed it; then {@link ReplicationError#NONE}, or
     * {@link ReplicationError#NOT_ENOUGH_REPLICAS_AFTER_APPEND} if fewer than min.insync.replicas
     * replicas (the maximal ISR, all of which hold the batch) remain.
     */
    public Optional<ReplicationError> acksAllOutcome(long lastOffset, int minInsyncReplicas) {
        Checks.check(lastOffset < leaderLogEndOffset, "waiting for offset %s beyond log end %s", lastOffset, leaderLogEndOffset);
        return AcksAllPurgatory.outcome(lastOffset, highWatermark, isrState.maximalIsr().size(), minInsyncReplicas);
    }

    private IsrProposal proposal(Set<Integer> proposedIsr, IsrProposal.Change change) {
        Map<Integer, Long> brokerEpochs = new TreeMap<>();
        for (int replicaId : proposedIsr) {
            if (replicaId != localReplicaId) {
                brokerEpochs.put(replicaId, followers.get(replicaId).brokerEpoch());
            }
        }
        return new IsrProposal(localReplicaId, leaderEpoch, partitionEpoch, proposedIsr, brokerEpochs, change);
    }

    private void advanceLeaderLogEndOffset(long newLogEndOffset) {
        Checks.check(newLogEndOffset >= leaderLogEndOffset,
                "leader log end offset moved back from %s to %s in epoch %s", leaderLogEndOffset, newLogEndOffset, leaderEpoch);
        leaderLogEndOffset = newLogEndOffset;
    }

    private boolean maybeIncrementHighWatermark() {
        long candidate = leaderLogEndOffset;
        for (int replicaId : isrState.maximalIsr()) {
            if (replicaId != localReplicaId) {
                FollowerProgress progress = followers.get(replicaId);
                Checks.check(progress != null, "isr member %s is not a replica of %s", replicaId, replicas);
                candidate = Math.min(candidate, progress.logEndOffset());
            }
        }
        if (candidate <= highWatermark) {
            // Lower candidates are normal (a follower not yet fetched in this epoch): the mark holds.
            return false;
        }
        Checks.check(candidate <= leaderLogEndOffset, "high watermark %s beyond log end %s", candidate, leaderLogEndOffset);
        highWatermark = candidate;
        return true;
    }

    public int localReplicaId() {
        return localReplicaId;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long leaderEpochStartOffset() {
        return leaderEpochStartOffset;
    }

    public int partitionEpoch() {
        return partitionEpoch;
    }

    public List<Integer> replicas() {
        return replicas;
    }

    public IsrState isrState() {
        return isrState;
    }

    /** The ISR the controller last committed. */
    public Set<Integer> isr() {
        return isrState.isr();
    }

    /** The committed ISR plus a pending newcomer: the set the high watermark waits for. */
    public Set<Integer> maximalIsr() {
        return isrState.maximalIsr();
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long leaderLogEndOffset() {
        return leaderLogEndOffset;
    }

    public Optional<FollowerProgress> followerProgress(int replicaId) {
        return Optional.ofNullable(followers.get(replicaId));
    }
}
