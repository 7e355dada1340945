package org.apache.kafka.clients.admin;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.Uuid;

/**
 * Builds {@link QuorumInfo} answers for tests: its constructors are package-private in
 * kafka-clients, hence this class in Kafka's package (test classpath only).
 */
public final class TestQuorumInfo {

    private TestQuorumInfo() {}

    public static QuorumInfo quorum(int leaderId, long term, long highWatermark, List<QuorumInfo.ReplicaState> voters) {
        return new QuorumInfo(leaderId, term, highWatermark, voters, List.of(), Map.of());
    }

    /** A member; {@code logEndOffset} -1 and a negative timestamp mean "not known to the answering node". */
    public static QuorumInfo.ReplicaState member(int id, long logEndOffset, long lastFetchTimestampMs) {
        OptionalLong fetched = lastFetchTimestampMs < 0 ? OptionalLong.empty() : OptionalLong.of(lastFetchTimestampMs);
        return new QuorumInfo.ReplicaState(id, Uuid.ZERO_UUID, logEndOffset, fetched, fetched);
    }
}
