package io.rafka.replication.sim;

import io.rafka.replication.EpochEndOffset;
import io.rafka.replication.IsrProposal;
import io.rafka.replication.PartitionRegistration;
import io.rafka.replication.ReplicationError;
import java.util.List;
import java.util.Optional;

/** Everything that travels between simulated nodes and the controller. */
sealed interface SimMessage {

    /** Replica traffic can be dropped by the network; controller traffic is only delayed. */
    default boolean droppable() {
        return false;
    }

    record FetchRequest(int replicaId, long brokerEpoch, long requestId, int leaderEpoch, long fetchOffset, int lastFetchedEpoch)
            implements SimMessage {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    record FetchResponse(long requestId, ReplicationError error, List<SimRecord> records, long highWatermark,
                         Optional<EpochEndOffset> divergingEpoch, long fetchOffset, int lastFetchedEpoch)
            implements SimMessage {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    record EpochRequest(int replicaId, long requestId, int leaderEpoch, int askedEpoch) implements SimMessage {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    record EpochResponse(long requestId, ReplicationError error, int askedEpoch, EpochEndOffset answer)
            implements SimMessage {
        @Override
        public boolean droppable() {
            return true;
        }
    }

    record AlterPartition(IsrProposal proposal) implements SimMessage {}

    /** {@code committed} is present when accepted, {@code error} is NONE then. */
    record AlterPartitionResponse(IsrProposal proposal, ReplicationError error, Optional<PartitionRegistration> committed)
            implements SimMessage {}

    record MetadataUpdate(PartitionRegistration registration) implements SimMessage {}

    /** A periodic timer firing on a node: drives fetches, ISR shrink checks and produce timeouts. */
    record Tick() implements SimMessage {}
}
