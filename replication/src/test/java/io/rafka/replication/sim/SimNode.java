package io.rafka.replication.sim;

import io.rafka.common.Checks;
import io.rafka.replication.AcksAllPurgatory;
import io.rafka.replication.EpochEndOffset;
import io.rafka.replication.FetchValidation;
import io.rafka.replication.IsrProposal;
import io.rafka.replication.LeaderPartitionState;
import io.rafka.replication.PartitionRegistration;
import io.rafka.replication.ReplicationError;
import io.rafka.replication.TruncationPlanner;
import io.rafka.replication.TruncationStep;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * One broker hosting one replica of the partition: the thin shell a real broker would be, driving
 * the pure core ({@link LeaderPartitionState}, {@link TruncationPlanner}, {@link FetchValidation},
 * {@link AcksAllPurgatory}) with simulated messages and time.
 *
 * <p>The node's broker epoch is its incarnation: it grows with every restart, as a broker's
 * registration does.
 *
 * <p>Roles: leader (holds a {@link LeaderPartitionState}), follower (truncating, then fetching), or
 * idle (partition offline, or node down). A follower has at most one request in flight.
 *
 * <p>Not thread-safe: the simulation is single-threaded.
 */
final class SimNode {

    interface ProduceListener {
        void onProduceCompleted(long value, long offset, ReplicationError error);
    }

    private enum FollowerPhase { IDLE, TRUNCATING, FETCHING }

    private final int id;
    private final SimConfig config;
    private final SimNetwork network;
    private final SimStats stats;
    private final ProduceListener listener;
    private final IntUnaryOperator incarnationOf;
    private final SimLog log = new SimLog();
    private final AcksAllPurgatory<Long> purgatory = new AcksAllPurgatory<>(10_000);

    private boolean alive = true;
    private int incarnation;
    private PartitionRegistration known;
    private LeaderPartitionState leader;
    private FollowerPhase phase = FollowerPhase.IDLE;
    private long nextRequestId = 1;
    private long inflightRequestId = -1;
    private long inflightSentMs;
    private long nextRequestAtMs;

    SimNode(int id, SimConfig config, SimNetwork network, SimStats stats, ProduceListener listener,
            IntUnaryOperator incarnationOf) {
        this.id = id;
        this.config = config;
        this.network = network;
        this.stats = stats;
        this.listener = listener;
        this.incarnationOf = incarnationOf;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    void crash() {
        Checks.check(alive, "node %s crashed twice", id);
        alive = false;
        incarnation++;
        resign();
        log.crash();
        known = null;
        phase = FollowerPhase.IDLE;
        inflightRequestId = -1;
    }

    /** Comes back with whatever survived on disk and the controller's current view of the partition. */
    void restart(PartitionRegistration current, long nowMs) {
        Checks.check(!alive, "node %s restarted while running", id);
        alive = true;
        handleMetadata(current, nowMs);
        network.scheduleTimer(id, incarnation, nowMs + config.tickMs());
    }

    void start(long nowMs) {
        network.scheduleTimer(id, incarnation, nowMs + config.tickMs());
    }

    void flush() {
        log.flush();
    }

    // ---- dispatch --------------------------------------------------------------------------

    void deliver(SimNetwork.Envelope envelope, long nowMs) {
        if (!alive || envelope.toIncarnation() != incarnation) {
            return;
        }
        SimMessage message = envelope.message();
        if (message instanceof SimMessage.Tick) {
            handleTick(nowMs);
        } else if (message instanceof SimMessage.MetadataUpdate update) {
            handleMetadata(update.registration(), nowMs);
        } else if (message instanceof SimMessage.FetchRequest request) {
            handleFetchRequest(request, nowMs);
        } else if (message instanceof SimMessage.FetchResponse response) {
            handleFetchResponse(response, nowMs);
        } else if (message instanceof SimMessage.EpochRequest request) {
            handleEpochRequest(request, nowMs);
        } else if (message instanceof SimMessage.EpochResponse response) {
            handleEpochResponse(response, nowMs);
        } else if (message instanceof SimMessage.AlterPartitionResponse response) {
            handleAlterPartitionResponse(response, nowMs);
        } else {
            throw new Checks.InvariantViolation("node " + id + " cannot handle " + message);
        }
    }

    // ---- metadata: become leader / follower ---------------------------------------------------

    private void handleMetadata(PartitionRegistration registration, long nowMs) {
        if (known != null && registration.partitionEpoch() <= known.partitionEpoch()) {
            return;
        }
        PartitionRegistration previous = known;
        known = registration;
        if (registration.leaderId() == id) {
            if (leader != null && leader.leaderEpoch() == registration.leaderEpoch()) {
                if (leader.applyRegistration(registration, nowMs)) {
                    onHighWatermarkAdvanced();
                }
            } else {
                becomeLeader(registration, nowMs);
            }
            return;
        }
        resign();
        if (!registration.hasLeader()) {
            phase = FollowerPhase.IDLE;
            inflightRequestId = -1;
        } else if (previous == null || previous.leaderEpoch() != registration.leaderEpoch() || phase == FollowerPhase.IDLE) {
            becomeFollower(nowMs);
        }
    }

    private void becomeLeader(PartitionRegistration registration, long nowMs) {
        resign();
        phase = FollowerPhase.IDLE;
        inflightRequestId = -1;
        log.startLeaderEpoch(registration.leaderEpoch());
        leader = LeaderPartitionState.becomeLeader(id, registration, log.logEndOffset(), log.highWatermark(), nowMs);
        log.setHighWatermarkAsLeader(leader.highWatermark());
    }

    private void becomeFollower(long nowMs) {
        phase = config.divergenceByFetchOnly() ? FollowerPhase.FETCHING : FollowerPhase.TRUNCATING;
        inflightRequestId = -1;
        nextRequestAtMs = nowMs;
    }

    /** Leadership is gone: waiting producers must retry against the next leader. */
    private void resign() {
        if (leader != null) {
            leader = null;
            report(purgatory.failAll(ReplicationError.NOT_LEADER_OR_FOLLOWER));
        }
    }

    // ---- timers ----------------------------------------------------------------------------

    private void handleTick(long nowMs) {
        network.scheduleTimer(id, incarnation, nowMs + config.tickMs());
        if (leader != null) {
            leader.maybeShrinkIsr(nowMs, config.replicaLagTimeMaxMs()).ifPresent(proposal -> {
                stats.isrShrinkProposals++;
                sendToController(proposal, nowMs);
            });
            report(purgatory.expire(nowMs));
            return;
        }
        if (phase == FollowerPhase.IDLE) {
            return;
        }
        if (inflightRequestId != -1 && nowMs - inflightSentMs > config.requestTimeoutMs()) {
            inflightRequestId = -1; // lost on the way; ask again
        }
        if (inflightRequestId == -1 && nowMs >= nextRequestAtMs) {
            sendNextFollowerRequest(nowMs);
        }
    }

    private void sendNextFollowerRequest(long nowMs) {
        if (phase == FollowerPhase.TRUNCATING) {
            TruncationStep first = TruncationPlanner.firstStep(log);
            if (first instanceof TruncationStep.AskLeader ask) {
                sendToLeader(new SimMessage.EpochRequest(id, newRequestId(nowMs), known.leaderEpoch(), ask.epoch()), nowMs);
                return;
            }
            applyTruncationStep(first, nowMs);
        }
        sendToLeader(new SimMessage.FetchRequest(id, incarnation, newRequestId(nowMs), known.leaderEpoch(), log.logEndOffset(),
                log.latestEpoch()), nowMs);
    }

    // ---- leader side -----------------------------------------------------------------------

    private void handleFetchRequest(SimMessage.FetchRequest request, long nowMs) {
        if (leader == null) {
            replyFetch(request, ReplicationError.NOT_LEADER_OR_FOLLOWER, List.of(), Optional.empty(), nowMs);
            return;
        }
        FetchValidation validation = leader.validateFollowerFetch(request.replicaId(), request.brokerEpoch(),
                request.leaderEpoch(), request.fetchOffset(), request.lastFetchedEpoch(), log);
        if (!validation.serveRecords()) {
            replyFetch(request, validation.error(), List.of(), validation.divergingEpoch(), nowMs);
            return;
        }
        List<SimRecord> records = log.read(request.fetchOffset(), config.fetchMaxRecords());
        if (leader.onFollowerFetch(request.replicaId(), request.brokerEpoch(), request.fetchOffset(), log.logEndOffset(), nowMs)) {
            onHighWatermarkAdvanced();
        }
        leader.maybeExpandIsr(request.replicaId()).ifPresent(proposal -> {
            stats.isrExpandProposals++;
            sendToController(proposal, nowMs);
        });
        replyFetch(request, ReplicationError.NONE, records, Optional.empty(), nowMs);
    }

    private void handleEpochRequest(SimMessage.EpochRequest request, long nowMs) {
        ReplicationError error = leader == null ? ReplicationError.NOT_LEADER_OR_FOLLOWER
                : request.leaderEpoch() < leader.leaderEpoch() ? ReplicationError.FENCED_LEADER_EPOCH
                : request.leaderEpoch() > leader.leaderEpoch() ? ReplicationError.UNKNOWN_LEADER_EPOCH
                : ReplicationError.NONE;
        EpochEndOffset answer = error == ReplicationError.NONE ? log.endOffsetForEpoch(request.askedEpoch()) : EpochEndOffset.UNDEFINED;
        network.send(id, request.replicaId(), incarnationOf.applyAsInt(request.replicaId()),
                new SimMessage.EpochResponse(request.requestId(), error, request.askedEpoch(), answer), nowMs);
    }

    private void handleAlterPartitionResponse(SimMessage.AlterPartitionResponse response, long nowMs) {
        if (leader == null || leader.leaderEpoch() != response.proposal().leaderEpoch()) {
            return;
        }
        boolean advanced;
        if (response.error() == ReplicationError.NONE) {
            // The metadata update carrying the same registration may arrive before or after this.
            advanced = leader.applyRegistration(response.committed().orElseThrow(), nowMs);
            if (known.partitionEpoch() < response.committed().get().partitionEpoch()) {
                known = response.committed().get();
            }
        } else {
            stats.isrProposalsRejected++;
            advanced = leader.onIsrProposalRejected(response.proposal());
        }
        if (advanced) {
            onHighWatermarkAdvanced();
        }
    }

    /** A client's acks=all produce of one record with a unique value. */
    void handleProduce(long value, long nowMs) {
        stats.produced++;
        if (leader == null) {
            listener.onProduceCompleted(value, -1, ReplicationError.NOT_LEADER_OR_FOLLOWER);
            return;
        }
        ReplicationError refusal = leader.canAppend(config.minInsyncReplicas());
        if (refusal != ReplicationError.NONE) {
            stats.refusedNotEnoughReplicas++;
            listener.onProduceCompleted(value, -1, refusal);
            return;
        }
        long offset = log.appendAsLeader(leader.leaderEpoch(), value);
        if (leader.onLeaderAppend(log.logEndOffset())) {
            onHighWatermarkAdvanced();
        }
        Optional<ReplicationError> outcome = leader.acksAllOutcome(offset, config.minInsyncReplicas());
        if (outcome.isPresent()) {
            listener.onProduceCompleted(value, offset, outcome.get());
        } else if (!purgatory.tryAdd(value, offset, nowMs + config.requestTimeoutMs())) {
            listener.onProduceCompleted(value, offset, ReplicationError.REQUEST_TIMED_OUT);
        }
    }

    private void onHighWatermarkAdvanced() {
        log.setHighWatermarkAsLeader(leader.highWatermark());
        report(purgatory.onHighWatermark(leader.highWatermark(), leader.maximalIsr().size(), config.minInsyncReplicas()));
    }

    private void report(List<AcksAllPurgatory.Completion<Long>> completions) {
        for (AcksAllPurgatory.Completion<Long> completion : completions) {
            listener.onProduceCompleted(completion.request(), completion.lastOffset(), completion.error());
        }
    }

    // ---- follower side ---------------------------------------------------------------------

    private void handleFetchResponse(SimMessage.FetchResponse response, long nowMs) {
        if (response.requestId() != inflightRequestId || phase != FollowerPhase.FETCHING) {
            return;
        }
        inflightRequestId = -1;
        if (response.error() != ReplicationError.NONE) {
            Checks.check(response.error() != ReplicationError.OFFSET_OUT_OF_RANGE,
                    "node %s fetched %s past the leader's end after truncating", id, response.fetchOffset());
            nextRequestAtMs = nowMs + config.fetchBackoffMs();
            return;
        }
        if (response.divergingEpoch().isPresent()) {
            stats.divergencesFromFetch++;
            applyTruncationStep(TruncationPlanner.nextStep(log, response.lastFetchedEpoch(), response.divergingEpoch().get()), nowMs);
            return;
        }
        Checks.check(log.logEndOffset() == response.fetchOffset(), "node %s log moved from %s to %s under a fetch",
                id, response.fetchOffset(), log.logEndOffset());
        log.appendAsFollower(response.records());
        log.updateHighWatermarkAsFollower(response.highWatermark());
        nextRequestAtMs = response.records().isEmpty() ? nowMs + config.idleFetchDelayMs() : nowMs;
    }

    private void handleEpochResponse(SimMessage.EpochResponse response, long nowMs) {
        if (response.requestId() != inflightRequestId || phase != FollowerPhase.TRUNCATING) {
            return;
        }
        inflightRequestId = -1;
        if (response.error() != ReplicationError.NONE) {
            nextRequestAtMs = nowMs + config.fetchBackoffMs();
            return;
        }
        applyTruncationStep(TruncationPlanner.nextStep(log, response.askedEpoch(), response.answer()), nowMs);
    }

    private void applyTruncationStep(TruncationStep step, long nowMs) {
        if (step instanceof TruncationStep.Truncate cut) {
            long dropped = log.logEndOffset() - cut.offset();
            Checks.check(cut.offset() >= log.highWatermark(),
                    "node %s truncating to %s below its high watermark %s: committed records would be dropped",
                    id, cut.offset(), log.highWatermark());
            if (dropped > 0) {
                stats.truncations++;
                stats.recordsTruncated += dropped;
            }
            // Even a cut at the log end matters: it drops epochs that hold no record (a leader that
            // never appended), which the next leader's lineage does not have.
            log.truncateTo(cut.offset());
            // After a partial cut, the next Fetch (carrying the new last epoch) lets the leader judge again.
            phase = cut.askAgain() && !config.divergenceByFetchOnly() ? FollowerPhase.TRUNCATING : FollowerPhase.FETCHING;
            nextRequestAtMs = nowMs;
        } else if (step instanceof TruncationStep.AwaitNewerLeader) {
            stats.awaitedNewerLeader++;
            phase = config.divergenceByFetchOnly() ? FollowerPhase.FETCHING : FollowerPhase.TRUNCATING;
            nextRequestAtMs = nowMs + config.fetchBackoffMs();
        } else {
            throw new Checks.InvariantViolation("unexpected step " + step);
        }
    }

    // ---- sending ---------------------------------------------------------------------------

    private long newRequestId(long nowMs) {
        inflightRequestId = nextRequestId++;
        inflightSentMs = nowMs;
        return inflightRequestId;
    }

    private void sendToLeader(SimMessage message, long nowMs) {
        int leaderId = known.leaderId();
        network.send(id, leaderId, incarnationOf.applyAsInt(leaderId), message, nowMs);
    }

    private void sendToController(IsrProposal proposal, long nowMs) {
        network.send(id, SimController.ID, 0, new SimMessage.AlterPartition(proposal), nowMs);
    }

    private void replyFetch(SimMessage.FetchRequest request, ReplicationError error, List<SimRecord> records,
                            Optional<EpochEndOffset> diverging, long nowMs) {
        long highWatermark = leader == null ? 0 : leader.highWatermark();
        network.send(id, request.replicaId(), incarnationOf.applyAsInt(request.replicaId()),
                new SimMessage.FetchResponse(request.requestId(), error, records, highWatermark, diverging,
                        request.fetchOffset(), request.lastFetchedEpoch()), nowMs);
    }

    // ---- read-only views for the checker -----------------------------------------------------

    String describe() {
        String role = leader != null
                ? "leader epoch " + leader.leaderEpoch() + " pe " + leader.partitionEpoch() + " hw " + leader.highWatermark()
                        + " " + leader.isrState() + " followers " + leader.replicas().stream()
                        .filter(r -> r != id).map(r -> r + "=" + leader.followerProgress(r).orElseThrow()).toList()
                : "follower " + phase + " inflight " + inflightRequestId + " next " + nextRequestAtMs;
        return "node " + id + (alive ? "" : " DOWN") + " known " + known + " leo " + log.logEndOffset()
                + " hw " + log.highWatermark() + " epochs " + log.epochHistory() + " " + role;
    }

    int id() {
        return id;
    }

    boolean isAlive() {
        return alive;
    }

    int incarnation() {
        return incarnation;
    }

    SimLog log() {
        return log;
    }

    /** The leader state if this node currently acts as leader (possibly a deposed one that has not heard yet). */
    Optional<LeaderPartitionState> leaderState() {
        return Optional.ofNullable(leader);
    }

    boolean isFetching() {
        return phase == FollowerPhase.FETCHING;
    }
}
