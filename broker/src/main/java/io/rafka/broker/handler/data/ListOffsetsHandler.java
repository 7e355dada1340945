package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.broker.partition.LogErrors;
import io.rafka.broker.partition.Partition;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.log.LogException;
import io.rafka.log.TopicPartition;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/**
 * ListOffsets, v1 to v10: earliest (and earliest-local: there is no tiered storage), latest (the high
 * watermark: with no transactions both isolation levels see it; the log end for replica id -2), by timestamp, max timestamp, and
 * latest-tiered (always "none", -1). Only the leader answers.
 *
 * <p>Thread-safe (stateless). Reads disk on the request-handler thread.
 */
public final class ListOffsetsHandler implements ApiHandler {

    private final ReplicaManager replicaManager;

    public ListOffsetsHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    /** The first version with a leader epoch in the answer; earlier versions cannot carry it. */
    private static final short LEADER_EPOCH_VERSION = 4;

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        ListOffsetsRequestData data = ((ListOffsetsRequest) request).data();
        boolean withLeaderEpoch = request.version() >= LEADER_EPOCH_VERSION;
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : data.topics()) {
            ListOffsetsResponseData.ListOffsetsTopicResponse topicResponse =
                new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(topic.name());
            response.topics().add(topicResponse);
            for (ListOffsetsRequestData.ListOffsetsPartition partition : topic.partitions()) {
                ListOffsetsResponseData.ListOffsetsPartitionResponse answer = answer(new TopicPartition(topic.name(),
                    partition.partitionIndex()), partition, data.replicaId() == ListOffsetsRequest.DEBUGGING_REPLICA_ID);
                if (!withLeaderEpoch) {
                    // Not ignorable before v4: a non-default value would fail the response's serialization.
                    answer.setLeaderEpoch(-1);
                }
                topicResponse.partitions().add(answer);
            }
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse(response));
    }

    private ListOffsetsResponseData.ListOffsetsPartitionResponse answer(TopicPartition tp,
                                                                       ListOffsetsRequestData.ListOffsetsPartition request,
                                                                       boolean debugging) {
        ListOffsetsResponseData.ListOffsetsPartitionResponse response =
            new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                .setPartitionIndex(request.partitionIndex())
                .setTimestamp(-1).setOffset(-1).setLeaderEpoch(-1);
        Optional<Partition> hosted = replicaManager.partition(tp);
        if (hosted.isEmpty()) {
            return response.setErrorCode(replicaManager.missingPartitionError(tp).code());
        }
        Partition partition = hosted.get();
        Errors leadership = partition.checkLeader(request.currentLeaderEpoch());
        if (leadership != Errors.NONE) {
            return response.setErrorCode(leadership.code());
        }
        OffsetLookup.Found found;
        try {
            found = lookup(partition, request.timestamp(), debugging);
        } catch (LogException e) {
            return response.setErrorCode(LogErrors.toKafka(e).code());
        }
        if (found == null) {
            return response.setErrorCode(Errors.INVALID_REQUEST.code());
        }
        return response.setErrorCode(Errors.NONE.code()).setTimestamp(found.timestampMs()).setOffset(found.offset())
            .setLeaderEpoch(found.leaderEpoch());
    }

    /** Null for a special timestamp this broker does not know. */
    private static OffsetLookup.Found lookup(Partition partition, long timestamp, boolean debugging) {
        if (timestamp >= 0) {
            return OffsetLookup.byTimestamp(partition, timestamp);
        }
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            return OffsetLookup.earliest(partition);
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            // Kafka's debugging replica id (-2) sees the log end, uncommitted records included.
            return debugging ? OffsetLookup.logEnd(partition) : OffsetLookup.latest(partition);
        }
        if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
            return OffsetLookup.maxTimestamp(partition);
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP) {
            return OffsetLookup.Found.NONE; // nothing is tiered
        }
        return null;
    }
}
