package io.rafka.broker.handler.data;

import io.rafka.broker.partition.PartitionRead;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchResponse;

/**
 * Builds the FetchResponse from the reads. Record data stays in the segment files: each partition's
 * records are a {@link FileSliceRecords}, which the network layer writes as a file region
 * (sendfile); nothing here copies record bytes.
 *
 * <p>Sessions: this broker caches no fetch session, so every response carries session id 0 (the
 * client then sends full requests), exactly what Kafka does when its session cache is full.
 *
 * <p>Stateless, thread-safe.
 */
final class FetchResponses {

    private FetchResponses() {}

    static FetchResponse build(FetchReads.Result result) {
        Map<String, FetchResponseData.FetchableTopicResponse> topics = new LinkedHashMap<>();
        FetchResponseData data = new FetchResponseData()
            .setErrorCode(Errors.NONE.code())
            .setSessionId(FetchMetadata.INVALID_SESSION_ID);
        for (int i = 0; i < result.partitions().size(); i++) {
            PartitionFetch fetch = result.partitions().get(i);
            PartitionRead read = result.reads().get(i);
            String key = fetch.topicName() + "/" + fetch.topicId();
            FetchResponseData.FetchableTopicResponse topic = topics.computeIfAbsent(key, k -> {
                FetchResponseData.FetchableTopicResponse created = new FetchResponseData.FetchableTopicResponse()
                    .setTopic(fetch.topicName() == null ? "" : fetch.topicName())
                    .setTopicId(fetch.topicId() == null ? Uuid.ZERO_UUID : fetch.topicId());
                data.responses().add(created);
                return created;
            });
            topic.partitions().add(partitionData(fetch, read));
        }
        return FetchResponse.of(data);
    }

    private static FetchResponseData.PartitionData partitionData(PartitionFetch fetch, PartitionRead read) {
        FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData()
            .setPartitionIndex(fetch.partitionIndex())
            .setErrorCode(read.error().code())
            .setHighWatermark(read.highWatermark())
            // No transactions: everything below the high watermark is stable.
            .setLastStableOffset(read.highWatermark())
            .setLogStartOffset(read.logStartOffset())
            .setAbortedTransactions(null)
            .setRecords(MemoryRecords.EMPTY);
        read.divergingEpoch().ifPresent(leaderEnd -> partition.setDivergingEpoch(
            new FetchResponseData.EpochEndOffset().setEpoch(leaderEnd.epoch()).setEndOffset(leaderEnd.endOffset())));
        if (read.records().isEmpty()) {
            return partition;
        }
        // Zero copy: the slice goes to the socket by sendfile when the response is written.
        partition.setRecords(new FileSliceRecords(read.records()));
        return partition;
    }

    /** A top-level error (fetch session problems) with no partitions. */
    static FetchResponse error(Errors error) {
        return FetchResponse.of(new FetchResponseData().setErrorCode(error.code())
            .setSessionId(FetchMetadata.INVALID_SESSION_ID));
    }
}
