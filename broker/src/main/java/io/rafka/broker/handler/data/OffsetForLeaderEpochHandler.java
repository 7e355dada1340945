package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.broker.partition.LogErrors;
import io.rafka.broker.partition.Partition;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.log.LogException;
import io.rafka.log.TopicPartition;
import io.rafka.log.epoch.EpochEndOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;

/**
 * OffsetForLeaderEpoch, v2 to v4: the largest epoch at or below the requested one and where it ends
 * (the log end for the latest epoch), from the leader's epoch lineage. Consumers use it to detect log
 * truncation after an unclean election (KIP-320); followers will use it to find their divergence point.
 *
 * <p>Thread-safe (stateless).
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler {

    private final ReplicaManager replicaManager;

    public OffsetForLeaderEpochHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        OffsetForLeaderEpochRequestData data = ((OffsetsForLeaderEpochRequest) request).data();
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic : data.topics()) {
            OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult topicResult =
                new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult().setTopic(topic.topic());
            response.topics().add(topicResult);
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition partition : topic.partitions()) {
                topicResult.partitions().add(answer(new TopicPartition(topic.topic(), partition.partition()), partition));
            }
        }
        return CompletableFuture.completedFuture(new OffsetsForLeaderEpochResponse(response));
    }

    private OffsetForLeaderEpochResponseData.EpochEndOffset answer(
            TopicPartition tp, OffsetForLeaderEpochRequestData.OffsetForLeaderPartition request) {
        OffsetForLeaderEpochResponseData.EpochEndOffset response = new OffsetForLeaderEpochResponseData.EpochEndOffset()
            .setPartition(request.partition())
            .setLeaderEpoch(EpochEndOffset.UNDEFINED_EPOCH)
            .setEndOffset(EpochEndOffset.UNDEFINED_EPOCH_OFFSET);
        Optional<Partition> hosted = replicaManager.partition(tp);
        if (hosted.isEmpty()) {
            return response.setErrorCode(replicaManager.missingPartitionError(tp).code());
        }
        Errors leadership = hosted.get().checkLeader(request.currentLeaderEpoch());
        if (leadership != Errors.NONE) {
            return response.setErrorCode(leadership.code());
        }
        try {
            EpochEndOffset found = hosted.get().log().endOffsetForEpoch(request.leaderEpoch());
            return response.setErrorCode(Errors.NONE.code()).setLeaderEpoch(found.epoch()).setEndOffset(found.endOffset());
        } catch (LogException e) {
            return response.setErrorCode(LogErrors.toKafka(e).code());
        }
    }
}
