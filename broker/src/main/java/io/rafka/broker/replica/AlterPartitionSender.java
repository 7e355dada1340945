package io.rafka.broker.replica;

import io.rafka.broker.partition.IsrProposalSink;
import io.rafka.broker.partition.Partition;
import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.quorum.ControllerClient;
import io.rafka.replication.IsrProposal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends leaders' ISR proposals to the controller (AlterPartition) and routes the answer back.
 * Accepted: nothing to do here, the committed registration reaches the partition through the
 * metadata image. Refused for a reason that will not change (stale leader or partition epoch,
 * ineligible replica, unknown partition): the partition falls back to its committed ISR. No answer
 * (no controller right now) or a transient refusal: the same proposal is sent again after
 * {@code retryBackoffMs} for as long as the partition still waits on it — dropping it instead would
 * leave a pending shrink holding the high watermark back forever.
 *
 * <p>Thread-safe; never blocks the caller.
 */
public final class AlterPartitionSender implements IsrProposalSink {

    private static final Logger log = LoggerFactory.getLogger(AlterPartitionSender.class);
    /** Refusals that newer controller state may turn into an acceptance: try again. */
    private static final Set<MetadataError> TRANSIENT = Set.of(MetadataError.NOT_CONTROLLER,
        MetadataError.REQUEST_TIMED_OUT, MetadataError.UNKNOWN_SERVER_ERROR);

    private final int brokerId;
    private final LongSupplier brokerEpoch;
    private final ControllerClient controller;
    private final ScheduledExecutorService retries;
    private final long retryBackoffMs;

    public AlterPartitionSender(int brokerId, LongSupplier brokerEpoch, ControllerClient controller,
                                ScheduledExecutorService retries, long retryBackoffMs) {
        this.brokerId = brokerId;
        this.brokerEpoch = brokerEpoch;
        this.controller = controller;
        this.retries = retries;
        this.retryBackoffMs = retryBackoffMs;
    }

    @Override
    public void submit(Partition partition, IsrProposal proposal) {
        log.info("{}: proposing ISR {} ({}, leader epoch {}, partition epoch {})", partition.topicPartition(),
            proposal.proposedIsr(), proposal.change(), proposal.leaderEpoch(), proposal.partitionEpoch());
        send(partition, proposal);
    }

    private void send(Partition partition, IsrProposal proposal) {
        AlterPartition.Item item = new AlterPartition.Item(partition.topicId(), partition.topicPartition().partition(),
            proposal.leaderEpoch(), proposal.partitionEpoch(), List.copyOf(proposal.proposedIsr()));
        controller.alterPartition(new AlterPartition.Request(brokerId, brokerEpoch.getAsLong(), List.of(item)))
            .whenComplete((response, failure) -> {
                if (failure != null) {
                    retryIfStillPending(partition, proposal, failure.toString());
                    return;
                }
                MetadataError error = response.error().error();
                if (error == MetadataError.NONE && !response.results().isEmpty()) {
                    error = response.results().get(0).error().error();
                }
                if (error == MetadataError.NONE) {
                    return;
                }
                if (TRANSIENT.contains(error)) {
                    retryIfStillPending(partition, proposal, error.name());
                } else {
                    log.info("{}: the controller refused ISR {}: {}", partition.topicPartition(),
                        proposal.proposedIsr(), error);
                    partition.onIsrProposalRejected(proposal);
                }
            });
    }

    private void retryIfStillPending(Partition partition, IsrProposal proposal, String why) {
        log.warn("{}: ISR proposal {} not answered ({}); retrying in {} ms", partition.topicPartition(),
            proposal.proposedIsr(), why, retryBackoffMs);
        try {
            retries.schedule(() -> {
                Optional<IsrProposal> pending = partition.pendingIsrProposal();
                if (pending.isPresent() && pending.get().equals(proposal)) {
                    send(partition, proposal);
                }
            }, retryBackoffMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: the next leader starts from the committed ISR.
        }
    }
}
