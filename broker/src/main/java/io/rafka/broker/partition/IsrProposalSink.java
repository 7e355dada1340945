package io.rafka.broker.partition;

import io.rafka.replication.IsrProposal;

/**
 * Where a leading {@link Partition} sends the ISR changes it wants (Kafka's AlterPartition manager).
 * The partition keeps the proposal pending until the controller's answer arrives as a new
 * registration in the metadata image, or as a refusal through {@link Partition#onIsrProposalRejected}.
 *
 * <p>Implementations must not block: they are called on request-handler and timer threads.
 */
@FunctionalInterface
public interface IsrProposalSink {

    void submit(Partition partition, IsrProposal proposal);
}
