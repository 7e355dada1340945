package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;

/**
 * Fetch, v4 to v18, for consumers. Reads up to the high watermark (with no transactions the last
 * stable offset is the high watermark, so READ_COMMITTED and READ_UNCOMMITTED read the same);
 * honours max wait, min bytes, max bytes and partition max bytes; long polls via {@link DelayedFetch}.
 *
 * <p>Fetch sessions (KIP-227) as Kafka answers them when it caches none: a full request (epoch 0 or
 * -1) gets a full response with session id 0, so the client stays sessionless; an incremental request
 * (epoch &gt; 0) names a session this broker never created and gets FETCH_SESSION_ID_NOT_FOUND, after
 * which the client sends a full request.
 *
 * <p>Follower fetches (replica id &gt;= 0, v15+ in the request's replica state) read up to the log
 * end, carry the follower's broker epoch, are checked for divergence by leader epoch (KIP-320) and
 * advance the high watermark; see {@code Partition#readForFollower}.
 *
 * <p>Thread-safe (stateless).
 */
public final class FetchHandler implements ApiHandler {

    private final ReplicaManager replicaManager;
    private final Executor completionExecutor;

    /** @param completionExecutor where parked fetches copy their records and answer (not a Netty loop) */
    public FetchHandler(ReplicaManager replicaManager, Executor completionExecutor) {
        this.replicaManager = replicaManager;
        this.completionExecutor = completionExecutor;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        FetchRequest fetch = (FetchRequest) request;
        FetchMetadata session = fetch.metadata();
        if (!session.isFull()) {
            return CompletableFuture.completedFuture(FetchResponses.error(Errors.FETCH_SESSION_ID_NOT_FOUND));
        }
        List<PartitionFetch> partitions = resolve(fetch.data(), replicaManager.image());
        // A replica (follower) reads to the log end and its fetch counts toward the ISR; a consumer
        // reads to the high watermark.
        FetchReads.PartitionReader reader = fetch.replicaId() >= 0
            ? FetchReads.follower(replicaManager, fetch.replicaId(), fetch.replicaEpoch())
            : FetchReads.consumer(replicaManager);
        FetchRequestData data = fetch.data();
        int maxBytes = data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes();
        FetchReads.Result now = FetchReads.readAll(reader, partitions, maxBytes);
        if (data.maxWaitMs() <= 0 || partitions.isEmpty() || now.totalBytes() >= data.minBytes() || now.anyError()) {
            return CompletableFuture.completedFuture(FetchResponses.build(now));
        }
        CompletableFuture<AbstractResponse> response = new CompletableFuture<>();
        new DelayedFetch(replicaManager, reader, partitions, maxBytes, data.minBytes(), completionExecutor, response)
            .start(data.maxWaitMs());
        return response;
    }

    static List<PartitionFetch> resolve(FetchRequestData data, MetadataImage image) {
        List<PartitionFetch> partitions = new ArrayList<>();
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            boolean byId = topic.topicId() != null && !Uuid.ZERO_UUID.equals(topic.topicId());
            Optional<TopicImage> resolved = TopicIds.resolve(image, topic.topic(), topic.topicId());
            for (FetchRequestData.FetchPartition partition : topic.partitions()) {
                Errors error = Errors.NONE;
                TopicPartition tp = null;
                if (resolved.isEmpty()) {
                    error = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                } else if (resolved.get().partition(partition.partition()) == null) {
                    error = Errors.UNKNOWN_TOPIC_OR_PARTITION;
                } else {
                    tp = new TopicPartition(resolved.get().name(), partition.partition());
                }
                partitions.add(new PartitionFetch(byId ? null : topic.topic(), byId ? topic.topicId() : Uuid.ZERO_UUID,
                    partition.partition(), tp, error, partition.fetchOffset(), partition.partitionMaxBytes(),
                    partition.currentLeaderEpoch(), partition.lastFetchedEpoch()));
            }
        }
        return partitions;
    }
}
