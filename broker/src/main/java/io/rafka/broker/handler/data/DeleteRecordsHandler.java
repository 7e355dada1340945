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
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;

/**
 * DeleteRecords, v0 to v2: moves each partition's log start offset on the leader (offset -1 means the
 * high watermark; beyond it is OFFSET_OUT_OF_RANGE) and answers with the new low watermark.
 *
 * <p>NB: answers once the leader moved its start. Kafka waits until every replica has (a delayed
 * operation on the followers' log starts); that wait belongs with replica fetchers, next issue.
 *
 * <p>Thread-safe (stateless).
 */
public final class DeleteRecordsHandler implements ApiHandler {

    private final ReplicaManager replicaManager;

    public DeleteRecordsHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_RECORDS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        DeleteRecordsRequestData data = ((DeleteRecordsRequest) request).data();
        DeleteRecordsResponseData response = new DeleteRecordsResponseData();
        for (DeleteRecordsRequestData.DeleteRecordsTopic topic : data.topics()) {
            DeleteRecordsResponseData.DeleteRecordsTopicResult topicResult =
                new DeleteRecordsResponseData.DeleteRecordsTopicResult().setName(topic.name());
            response.topics().add(topicResult);
            for (DeleteRecordsRequestData.DeleteRecordsPartition partition : topic.partitions()) {
                topicResult.partitions().add(answer(new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition.offset()));
            }
        }
        return CompletableFuture.completedFuture(new DeleteRecordsResponse(response));
    }

    private DeleteRecordsResponseData.DeleteRecordsPartitionResult answer(TopicPartition tp, long offset) {
        DeleteRecordsResponseData.DeleteRecordsPartitionResult result =
            new DeleteRecordsResponseData.DeleteRecordsPartitionResult()
                .setPartitionIndex(tp.partition()).setLowWatermark(-1);
        Optional<Partition> hosted = replicaManager.partition(tp);
        if (hosted.isEmpty()) {
            return result.setErrorCode(replicaManager.missingPartitionError(tp).code());
        }
        Errors leadership = hosted.get().checkLeader(-1);
        if (leadership != Errors.NONE) {
            return result.setErrorCode(leadership.code());
        }
        try {
            return result.setErrorCode(Errors.NONE.code()).setLowWatermark(hosted.get().deleteRecordsBefore(offset));
        } catch (LogException e) {
            return result.setErrorCode(LogErrors.toKafka(e).code());
        }
    }
}
