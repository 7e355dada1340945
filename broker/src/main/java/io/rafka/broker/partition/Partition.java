package io.rafka.broker.partition;

import io.rafka.common.Checks;
import io.rafka.common.Time;
import io.rafka.log.LogAppendResult;
import io.rafka.log.LogException;
import io.rafka.log.LogReadResult;
import io.rafka.log.OffsetOutOfRangeException;
import io.rafka.log.PartitionLog;
import io.rafka.log.TopicPartition;
import io.rafka.log.record.BatchValidator;
import io.rafka.replication.AcksAllPurgatory;
import io.rafka.replication.FetchValidation;
import io.rafka.replication.IsrProposal;
import io.rafka.replication.IsrState;
import io.rafka.replication.LeaderPartitionState;
import io.rafka.replication.PartitionRegistration;
import io.rafka.replication.ReplicationError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;

/**
 * One partition hosted by this broker: its log, its role (leader or follower) for the current leader
 * epoch, and, while leading, the replication core's {@link LeaderPartitionState} and the acks=all
 * waiters ({@link AcksAllPurgatory}).
 *
 * <p>States and transitions: FOLLOWER (also the initial state, {@code leaderState == null}) and
 * LEADER. {@link #becomeLeader} enters LEADER for a new leader epoch (a new
 * {@code LeaderPartitionState}; waiters of an earlier epoch fail with NOT_LEADER_OR_FOLLOWER);
 * {@link #becomeFollower} leaves it the same way; {@link #applyRegistration} adopts an ISR or replica
 * change within the same epoch. Followers keep their registration; fetching from the leader is the
 * replica fetcher's job (next issue), which will drive {@code appendAsFollower} and the high watermark
 * through this class.
 *
 * <p>Invariants: {@code leaderState != null} iff this broker leads in {@code registration.leaderEpoch()};
 * {@code highWatermark <= log end offset}; waiters only exist while leading.
 *
 * <p>Thread-safety: thread-safe. Role changes, appends and high-watermark moves are serialised on
 * this object's monitor (so the HW always follows the append order); futures are completed after the
 * monitor is released. Reads take no lock: they use the volatile published high watermark and the
 * log's own lock-free reads.
 */
public final class Partition {

    /** Waiters beyond this fail at once: a stalled ISR must not grow memory without bound. */
    static final int MAX_ACKS_ALL_WAITERS = 10_000;

    private final TopicPartition topicPartition;
    private final UUID topicId;
    private final int localBrokerId;
    private final PartitionLog log;
    private final Time time;
    /**
     * Called, outside the monitor, whenever the high watermark advances, the leader's log grows or the
     * role changes: wakes long-polling fetches (consumers wait for the high watermark, followers for
     * the log end).
     */
    private final Runnable onHighWatermarkAdvanced;
    /** Where ISR proposals go (the controller, via AlterPartition); called outside the monitor. */
    private final IsrProposalSink isrProposals;
    private final PartitionLogView logView;

    private volatile PartitionSettings settings;
    private volatile PartitionRegistration registration;
    /** Non-null iff this broker leads in {@code registration.leaderEpoch()}; guarded by {@code this}. */
    private LeaderPartitionState leaderState;
    private final AcksAllPurgatory<PendingAck> acksAllWaiters = new AcksAllPurgatory<>(MAX_ACKS_ALL_WAITERS);
    /** Published copy of the high watermark, for lock-free reads; only ever set under {@code this}. */
    private volatile long highWatermark;
    private volatile boolean leader;
    /** Set once by {@link #stop}; guarded by {@code this}. */
    private boolean stopped;

    /** An acks=all produce waiting for the high watermark: its future and its answer once acknowledged. */
    private record PendingAck(CompletableFuture<AppendOutcome> future, AppendOutcome outcome) {}

    Partition(TopicPartition topicPartition, UUID topicId, int localBrokerId, PartitionLog log,
              PartitionSettings settings, Time time, Runnable onHighWatermarkAdvanced, IsrProposalSink isrProposals) {
        this.topicPartition = topicPartition;
        this.isrProposals = isrProposals;
        this.logView = new PartitionLogView(log);
        this.topicId = topicId;
        this.localBrokerId = localBrokerId;
        this.log = log;
        this.settings = settings;
        this.time = time;
        this.onHighWatermarkAdvanced = onHighWatermarkAdvanced;
        // Until this broker leads, nothing is known to be committed beyond the log start.
        this.highWatermark = log.logStartOffset();
    }

    // ---------------------------------------------------------------- role changes

    /**
     * Leads for the epoch in {@code newRegistration}. No-op if already leading in that epoch (then the
     * registration is applied as an ISR change).
     */
    public void becomeLeader(PartitionRegistration newRegistration) {
        Checks.check(newRegistration.leaderId() == localBrokerId, "%s: becomeLeader with leader %s on broker %s",
            topicPartition, newRegistration.leaderId(), localBrokerId);
        List<Runnable> completions = new ArrayList<>();
        boolean advanced;
        synchronized (this) {
            if (leaderState != null && leaderState.leaderEpoch() == newRegistration.leaderEpoch()) {
                advanced = leaderState.applyRegistration(newRegistration, time.milliseconds());
            } else {
                failAllWaiters(ReplicationError.NOT_LEADER_OR_FOLLOWER, completions);
                beginLeaderEpoch(newRegistration.leaderEpoch());
                long logEndOffset = log.logEndOffset();
                long startHighWatermark = Math.min(Math.max(highWatermark, log.logStartOffset()), logEndOffset);
                leaderState = LeaderPartitionState.becomeLeader(localBrokerId, newRegistration, logEndOffset,
                    startHighWatermark, time.milliseconds());
                leader = true;
                advanced = true;
            }
            registration = newRegistration;
            publishHighWatermark(completions);
        }
        runAll(completions);
        if (advanced) {
            onHighWatermarkAdvanced.run();
        }
    }

    /** Follows in the epoch of {@code newRegistration}; pending acks=all requests fail (the client retries). */
    public void becomeFollower(PartitionRegistration newRegistration) {
        Checks.check(newRegistration.leaderId() != localBrokerId, "%s: becomeFollower while named leader",
            topicPartition);
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            failAllWaiters(ReplicationError.NOT_LEADER_OR_FOLLOWER, completions);
            leaderState = null;
            leader = false;
            registration = newRegistration;
            // What this replica knows to be committed; the new leader's fetch responses move it on.
            highWatermark = Math.min(highWatermark, log.logEndOffset());
        }
        runAll(completions);
        // Long-polling fetches on this partition must learn that it is no longer led here.
        onHighWatermarkAdvanced.run();
    }

    /** Stops hosting (topic deleted, replica moved away): every waiter fails. The log is the caller's. */
    public void stop() {
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            failAllWaiters(ReplicationError.NOT_LEADER_OR_FOLLOWER, completions);
            leaderState = null;
            leader = false;
            // A fetch answer still in flight must not touch a log about to be deleted.
            stopped = true;
        }
        runAll(completions);
        onHighWatermarkAdvanced.run();
    }

    void updateSettings(PartitionSettings newSettings) {
        settings = newSettings;
        log.updateConfig(newSettings.logConfig());
    }

    // ---------------------------------------------------------------- produce

    /**
     * Appends client batches as leader. acks=0 and acks=1 complete once the log holds them; acks=all
     * (-1) first requires {@code min.insync.replicas} committed ISR members and completes once the high
     * watermark passes the last record, or with REQUEST_TIMED_OUT after {@code timeoutMs}.
     *
     * @param batches rewritten in place (offsets, leader epoch), as the log engine does
     */
    public CompletableFuture<AppendOutcome> appendAsLeader(ByteBuffer batches, short requiredAcks, long timeoutMs) {
        PartitionSettings current = settings;
        long nowMs = time.milliseconds();
        Optional<String> timestampError = maybeTimestampError(batches, current, nowMs);
        if (timestampError.isPresent()) {
            return CompletableFuture.completedFuture(AppendOutcome.failed(Errors.INVALID_TIMESTAMP, timestampError.get()));
        }
        List<Runnable> completions = new ArrayList<>();
        CompletableFuture<AppendOutcome> result;
        boolean advanced;
        synchronized (this) {
            if (leaderState == null) {
                return CompletableFuture.completedFuture(AppendOutcome.failed(Errors.NOT_LEADER_OR_FOLLOWER,
                    "broker " + localBrokerId + " does not lead " + topicPartition));
            }
            if (requiredAcks == -1 && leaderState.canAppend(current.minInsyncReplicas()) != ReplicationError.NONE) {
                return CompletableFuture.completedFuture(AppendOutcome.failed(Errors.NOT_ENOUGH_REPLICAS,
                    "ISR " + leaderState.isr() + " is smaller than min.insync.replicas=" + current.minInsyncReplicas()));
            }
            LogAppendResult appended;
            try {
                appended = log.appendAsLeader(batches, leaderState.leaderEpoch());
            } catch (LogException e) {
                return CompletableFuture.completedFuture(AppendOutcome.failed(LogErrors.toKafka(e), e.getMessage()));
            }
            AppendOutcome outcome = new AppendOutcome(Errors.NONE, null, appended.firstOffset(), appended.lastOffset(),
                appended.logAppendTimeMs(), appended.logStartOffset());
            leaderState.onLeaderAppend(log.logEndOffset());
            publishHighWatermark(completions);
            result = requiredAcks == -1 ? awaitHighWatermark(outcome, nowMs + timeoutMs, current)
                : CompletableFuture.completedFuture(outcome);
            // Followers parked on this partition wait for exactly this append.
            advanced = !appended.duplicate();
        }
        runAll(completions);
        if (advanced) {
            onHighWatermarkAdvanced.run();
        }
        return result;
    }

    /** Caller holds the monitor. */
    private CompletableFuture<AppendOutcome> awaitHighWatermark(AppendOutcome outcome, long deadlineMs,
                                                                PartitionSettings current) {
        Optional<ReplicationError> verdict = leaderState.acksAllOutcome(outcome.lastOffset(), current.minInsyncReplicas());
        if (verdict.isPresent()) {
            return CompletableFuture.completedFuture(withVerdict(outcome, verdict.get()));
        }
        CompletableFuture<AppendOutcome> future = new CompletableFuture<>();
        if (!acksAllWaiters.tryAdd(new PendingAck(future, outcome), outcome.lastOffset(), deadlineMs)) {
            return CompletableFuture.completedFuture(outcome.withError(Errors.REQUEST_TIMED_OUT,
                MAX_ACKS_ALL_WAITERS + " acks=all requests already wait on " + topicPartition));
        }
        return future;
    }

    /** Times out acks=all waiters whose deadline passed; called by the owner's timer. */
    public void expireWaiters(long nowMs) {
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            for (AcksAllPurgatory.Completion<PendingAck> done : acksAllWaiters.expire(nowMs)) {
                completions.add(completion(done));
            }
        }
        runAll(completions);
    }

    private Optional<String> maybeTimestampError(ByteBuffer batches, PartitionSettings current, long nowMs) {
        if (current.logConfig().timestampType() != io.rafka.log.TimestampType.CREATE_TIME) {
            return Optional.empty();
        }
        Optional<String> error = TimestampValidator.check(batches, nowMs, current.timestampBeforeMaxMs(),
            current.timestampAfterMaxMs());
        if (error.isPresent()) {
            // A corrupt batch reads as garbage timestamps: report the corruption, as Kafka would.
            BatchValidator.validate(batches.duplicate(), Integer.MAX_VALUE, false);
        }
        return error;
    }

    // ---------------------------------------------------------------- follower side

    /**
     * Appends batches fetched from the leader of {@code fetchLeaderEpoch}, then takes the leader's
     * high watermark (bounded by this log's end) and log start offset. Nothing happens if this
     * replica has since become leader or moved to another epoch: the fetch answered a question this
     * replica no longer asks.
     *
     * @return whether the batches were appended
     * @throws LogException if the log refuses them (corrupt, not contiguous, offline)
     */
    public boolean appendAsFollower(int fetchLeaderEpoch, ByteBuffer batches, long leaderHighWatermark,
                                    long leaderLogStartOffset) {
        synchronized (this) {
            if (!isFollowingEpoch(fetchLeaderEpoch)) {
                return false;
            }
            if (batches.hasRemaining()) {
                log.appendAsFollower(batches);
            }
            long logEndOffset = log.logEndOffset();
            if (leaderLogStartOffset > log.logStartOffset() && leaderLogStartOffset <= logEndOffset) {
                // DeleteRecords on the leader: follow it, so a later leader does not resurrect them.
                log.deleteRecordsBefore(leaderLogStartOffset);
            }
            long followerHighWatermark = Math.min(leaderHighWatermark, logEndOffset);
            if (followerHighWatermark > highWatermark) {
                highWatermark = followerHighWatermark;
            }
            return true;
        }
    }

    /**
     * Truncates this follower's log to end at {@code offset} (divergence from the leader of
     * {@code fetchLeaderEpoch}, found by leader epoch). No-op, returning -1, if this replica no
     * longer follows that epoch.
     *
     * @return the number of offsets removed (0 if the log already ended there), or -1 if skipped
     */
    public long truncateAsFollower(int fetchLeaderEpoch, long offset) {
        synchronized (this) {
            if (!isFollowingEpoch(fetchLeaderEpoch)) {
                return -1;
            }
            long before = log.logEndOffset();
            log.truncateTo(offset);
            long after = log.logEndOffset();
            highWatermark = Math.min(highWatermark, after);
            return before - after;
        }
    }

    /**
     * The leader's log starts beyond this follower's end (retention or DeleteRecords removed what
     * it needs): restart empty at {@code leaderLogStartOffset}, as Kafka does.
     *
     * @return the number of offsets this log held that are gone, or -1 if skipped
     */
    public long restartAsFollowerAt(int fetchLeaderEpoch, long leaderLogStartOffset) {
        synchronized (this) {
            if (!isFollowingEpoch(fetchLeaderEpoch)) {
                return -1;
            }
            long held = log.logEndOffset() - log.logStartOffset();
            log.truncateFullyAndStartAt(leaderLogStartOffset);
            highWatermark = leaderLogStartOffset;
            return held;
        }
    }

    /** Caller holds the monitor. */
    private boolean isFollowingEpoch(int leaderEpoch) {
        PartitionRegistration current = registration;
        return !stopped && !leader && current != null && current.leaderEpoch() == leaderEpoch;
    }

    /** The replication core's view of this replica's log (for divergence planning on the fetcher). */
    public synchronized io.rafka.replication.TruncationStep nextTruncationStep(int askedEpoch,
                                                                            io.rafka.replication.EpochEndOffset leaderAnswer) {
        return io.rafka.replication.TruncationPlanner.nextStep(logView, askedEpoch, leaderAnswer);
    }

    // ---------------------------------------------------------------- leader side of replication

    /**
     * A follower's fetch, served by the leader: validates it (epochs, replica, broker epoch,
     * divergence) with the replication core, reads up to the log end (not the high watermark:
     * followers copy uncommitted records, which is how they become committed), records the
     * follower's progress, completes acks=all requests the new high watermark covers, and proposes
     * the follower back into the ISR once it has caught up.
     *
     * @param lastFetchedEpoch the latest epoch of the follower's log, or -1 if it has none
     */
    public PartitionRead readForFollower(int replicaId, long brokerEpoch, int requestLeaderEpoch, long fetchOffset,
                                         int lastFetchedEpoch, int maxBytes, boolean minOneBatch) {
        List<Runnable> completions = new ArrayList<>();
        Optional<IsrProposal> proposal = Optional.empty();
        PartitionRead answer;
        boolean advanced = false;
        synchronized (this) {
            if (leaderState == null) {
                return PartitionRead.failed(requestLeaderEpoch > leaderEpoch() ? Errors.UNKNOWN_LEADER_EPOCH
                    : requestLeaderEpoch >= 0 && requestLeaderEpoch < leaderEpoch() ? Errors.FENCED_LEADER_EPOCH
                    : Errors.NOT_LEADER_OR_FOLLOWER);
            }
            FetchValidation validation;
            try {
                validation = leaderState.validateFollowerFetch(replicaId, brokerEpoch, requestLeaderEpoch, fetchOffset,
                    lastFetchedEpoch, logView);
            } catch (LogException e) {
                return PartitionRead.failed(LogErrors.toKafka(e));
            }
            if (validation.error() != ReplicationError.NONE) {
                return PartitionRead.failed(LogErrors.toKafka(validation.error()));
            }
            long logEndOffset = log.logEndOffset();
            if (validation.divergingEpoch().isPresent()) {
                return PartitionRead.diverging(validation.divergingEpoch().get(), highWatermark, log.logStartOffset(),
                    logEndOffset);
            }
            try {
                LogReadResult result = log.read(fetchOffset, maxBytes, logEndOffset, minOneBatch);
                answer = new PartitionRead(Errors.NONE, result.records(), highWatermark, result.logStartOffset(),
                    result.logEndOffset());
            } catch (OffsetOutOfRangeException e) {
                return PartitionRead.outOfRange(e.logStartOffset(), e.logEndOffset(), highWatermark);
            } catch (LogException e) {
                return PartitionRead.failed(LogErrors.toKafka(e));
            }
            advanced = leaderState.onFollowerFetch(replicaId, brokerEpoch, fetchOffset, logEndOffset,
                time.milliseconds());
            proposal = leaderState.maybeExpandIsr(replicaId);
            publishHighWatermark(completions);
            // The answer carries the high watermark after this fetch: the follower learns it one round sooner.
            answer = new PartitionRead(answer.error(), answer.records(), highWatermark, answer.logStartOffset(),
                answer.logEndOffset());
        }
        runAll(completions);
        if (advanced) {
            onHighWatermarkAdvanced.run();
        }
        proposal.ifPresent(p -> isrProposals.submit(this, p));
        return answer;
    }

    /**
     * Proposes dropping followers that have not caught up within {@code replicaLagTimeMaxMs}; called
     * periodically. The proposal goes to the controller; the ISR changes when it commits.
     */
    public void maybeShrinkIsr(long nowMs, long replicaLagTimeMaxMs) {
        Optional<IsrProposal> proposal;
        synchronized (this) {
            if (leaderState == null) {
                return;
            }
            proposal = leaderState.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs);
        }
        proposal.ifPresent(p -> isrProposals.submit(this, p));
    }

    /** The ISR change this leader waits on the controller for, if any. */
    public synchronized Optional<IsrProposal> pendingIsrProposal() {
        if (leaderState == null) {
            return Optional.empty();
        }
        IsrState state = leaderState.isrState();
        if (state instanceof IsrState.PendingExpand expand) {
            return Optional.of(expand.proposal());
        }
        if (state instanceof IsrState.PendingShrink shrink) {
            return Optional.of(shrink.proposal());
        }
        return Optional.empty();
    }

    /** The controller refused {@code proposal} (stale epochs, ineligible replica): back to the committed ISR. */
    public void onIsrProposalRejected(IsrProposal proposal) {
        List<Runnable> completions = new ArrayList<>();
        boolean advanced;
        synchronized (this) {
            if (leaderState == null || leaderState.leaderEpoch() != proposal.leaderEpoch()) {
                return;
            }
            advanced = leaderState.onIsrProposalRejected(proposal);
            publishHighWatermark(completions);
        }
        runAll(completions);
        if (advanced) {
            onHighWatermarkAdvanced.run();
        }
    }

    /** Caller holds the monitor. */
    private void beginLeaderEpoch(int leaderEpoch) {
        try {
            log.beginLeaderEpoch(leaderEpoch);
        } catch (LogException e) {
            // An offline log refuses appends too; leading it only answers errors.
            org.slf4j.LoggerFactory.getLogger(Partition.class).error("{}: cannot begin leader epoch {}",
                topicPartition, leaderEpoch, e);
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * A consumer's read (or any read bounded by the high watermark): whole batches from
     * {@code fetchOffset}, at most {@code maxBytes} unless {@code minOneBatch}. Only the leader serves.
     *
     * @param currentLeaderEpoch the client's view of the leader epoch (KIP-320), or -1 to skip the check
     */
    public PartitionRead read(long fetchOffset, int maxBytes, boolean minOneBatch, int currentLeaderEpoch) {
        Errors leadership = checkLeader(currentLeaderEpoch);
        if (leadership != Errors.NONE) {
            return PartitionRead.failed(leadership);
        }
        long readHighWatermark = highWatermark;
        try {
            LogReadResult result = log.read(fetchOffset, maxBytes, readHighWatermark, minOneBatch);
            return new PartitionRead(Errors.NONE, result.records(), readHighWatermark, result.logStartOffset(),
                result.logEndOffset());
        } catch (OffsetOutOfRangeException e) {
            return PartitionRead.outOfRange(e.logStartOffset(), e.logEndOffset(), readHighWatermark);
        } catch (LogException e) {
            return PartitionRead.failed(LogErrors.toKafka(e));
        }
    }

    /**
     * NONE if this broker leads and the client's epoch (if given) matches; else the error a client
     * understands: NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH (client ahead of nobody: it is behind)
     * or UNKNOWN_LEADER_EPOCH (this broker is behind).
     */
    public Errors checkLeader(int currentLeaderEpoch) {
        PartitionRegistration current = registration;
        if (current != null && currentLeaderEpoch >= 0) {
            if (currentLeaderEpoch < current.leaderEpoch()) {
                return Errors.FENCED_LEADER_EPOCH;
            }
            if (currentLeaderEpoch > current.leaderEpoch()) {
                return Errors.UNKNOWN_LEADER_EPOCH;
            }
        }
        return leader ? Errors.NONE : Errors.NOT_LEADER_OR_FOLLOWER;
    }

    /**
     * DeleteRecords: moves the log start to {@code offset} (-1 = the high watermark). Offsets above the
     * high watermark are refused: those records are not committed yet.
     *
     * @return the new low watermark
     * @throws OffsetOutOfRangeException if {@code offset} is beyond the high watermark
     */
    public long deleteRecordsBefore(long offset) {
        synchronized (this) {
            long target = offset == -1 ? highWatermark : offset;
            if (target < 0 || target > highWatermark) {
                throw new OffsetOutOfRangeException(target, log.logStartOffset(), highWatermark);
            }
            return log.deleteRecordsBefore(target);
        }
    }

    // ---------------------------------------------------------------- accessors

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public UUID topicId() {
        return topicId;
    }

    public PartitionLog log() {
        return log;
    }

    public PartitionSettings settings() {
        return settings;
    }

    public boolean isLeader() {
        return leader;
    }

    /** The registration this replica last acted on; null before the first one. */
    public PartitionRegistration registration() {
        return registration;
    }

    public int leaderEpoch() {
        PartitionRegistration current = registration;
        return current == null ? -1 : current.leaderEpoch();
    }

    public long highWatermark() {
        return highWatermark;
    }

    public synchronized int pendingAcksAllWaiters() {
        return acksAllWaiters.size();
    }

    // ---------------------------------------------------------------- internals

    /** Caller holds the monitor. Publishes the leader's high watermark and completes acknowledged waiters. */
    private void publishHighWatermark(List<Runnable> completions) {
        if (leaderState == null) {
            return;
        }
        highWatermark = leaderState.highWatermark();
        for (AcksAllPurgatory.Completion<PendingAck> done : acksAllWaiters.onHighWatermark(
                leaderState.highWatermark(), leaderState.maximalIsr().size(), settings.minInsyncReplicas())) {
            completions.add(completion(done));
        }
    }

    private void failAllWaiters(ReplicationError error, List<Runnable> completions) {
        for (AcksAllPurgatory.Completion<PendingAck> done : acksAllWaiters.failAll(error)) {
            completions.add(completion(done));
        }
    }

    private static Runnable completion(AcksAllPurgatory.Completion<PendingAck> done) {
        AppendOutcome answer = withVerdict(done.request().outcome(), done.error());
        return () -> done.request().future().complete(answer);
    }

    private static AppendOutcome withVerdict(AppendOutcome outcome, ReplicationError verdict) {
        return verdict == ReplicationError.NONE ? outcome : outcome.withError(LogErrors.toKafka(verdict), null);
    }

    private static void runAll(List<Runnable> completions) {
        completions.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "Partition(" + topicPartition + ", leader=" + leader + ", epoch=" + leaderEpoch() + ", hw=" + highWatermark + ")";
    }
}
