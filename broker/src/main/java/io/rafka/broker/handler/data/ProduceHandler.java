package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.NoResponse;
import io.rafka.broker.network.RequestContext;
import io.rafka.broker.partition.AppendOutcome;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;

/**
 * Produce, v3 to v13 (v13 names topics by id). Each partition's batches go to
 * {@link ReplicaManager#appendAsLeader}; the response waits for every partition's outcome (acks=all
 * waits for the high watermark there). acks=0 gets no response, and a failure closes the connection,
 * as in Kafka, since that client would never learn of it otherwise.
 *
 * <p>Internal topics ({@code __consumer_offsets}) are refused with INVALID_TOPIC_EXCEPTION unless the
 * client id is {@code __admin_client}, as in Kafka; the group coordinator appends through
 * {@link ReplicaManager#appendAsLeader} directly.
 *
 * <p>NB: transactional batches are not supported (InitProducerId refuses transactional ids), so a
 * request's {@code transactionalId} is ignored here.
 *
 * <p>Thread-safe (stateless).
 */
public final class ProduceHandler implements ApiHandler {

    /** The client id Kafka's own admin tools use, the one client allowed to write internal topics. */
    static final String ADMIN_CLIENT_ID = "__admin_client";

    private final ReplicaManager replicaManager;

    public ProduceHandler(ReplicaManager replicaManager) {
        this.replicaManager = replicaManager;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    private record PartitionAppend(ProduceResponseData.TopicProduceResponse topic, int partitionIndex,
                                   CompletableFuture<AppendOutcome> outcome) {}

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        ProduceRequest produce = (ProduceRequest) request;
        short acks = produce.acks();
        boolean validAcks = acks == -1 || acks == 0 || acks == 1;
        MetadataImage image = replicaManager.image();
        ProduceResponseData response = new ProduceResponseData();
        List<PartitionAppend> appends = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topicData : produce.data().topicData()) {
            Optional<TopicImage> topic = TopicIds.resolve(image, topicData.name(), topicData.topicId());
            ProduceResponseData.TopicProduceResponse topicResponse = new ProduceResponseData.TopicProduceResponse()
                .setName(topic.map(TopicImage::name).orElse(topicData.name()))
                .setTopicId(topicData.topicId() == null ? Uuid.ZERO_UUID : topicData.topicId());
            response.responses().add(topicResponse);
            for (ProduceRequestData.PartitionProduceData partitionData : topicData.partitionData()) {
                CompletableFuture<AppendOutcome> outcome;
                if (!validAcks) {
                    outcome = failed(Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1, got " + acks);
                } else if (topic.isPresent() && Topic.isInternal(topic.get().name())
                        && !ADMIN_CLIENT_ID.equals(context.clientId())) {
                    // Kafka's rule: internal topics are written by the broker itself (groups), not by clients.
                    outcome = failed(Errors.INVALID_TOPIC_EXCEPTION, "cannot append to internal topic " + topic.get().name());
                } else if (topic.isEmpty()) {
                    boolean byId = topicData.topicId() != null && !Uuid.ZERO_UUID.equals(topicData.topicId());
                    outcome = failed(byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
                } else if (!(partitionData.records() instanceof MemoryRecords records)) {
                    outcome = failed(Errors.INVALID_RECORD, "no record batches");
                } else {
                    TopicPartition tp = new TopicPartition(topic.get().name(), partitionData.index());
                    outcome = replicaManager.appendAsLeader(tp, records.buffer(), acks, produce.timeout());
                }
                appends.add(new PartitionAppend(topicResponse, partitionData.index(), outcome));
            }
        }
        CompletableFuture<?>[] all = appends.stream().map(PartitionAppend::outcome).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> respond(acks, response, appends));
    }

    private static AbstractResponse respond(short acks, ProduceResponseData response, List<PartitionAppend> appends) {
        boolean anyError = false;
        for (PartitionAppend append : appends) {
            AppendOutcome outcome = append.outcome().join();
            anyError |= !outcome.isSuccess();
            append.topic().partitionResponses().add(new ProduceResponseData.PartitionProduceResponse()
                .setIndex(append.partitionIndex())
                .setErrorCode(outcome.error().code())
                .setErrorMessage(outcome.isSuccess() ? null : outcome.errorMessage())
                .setBaseOffset(outcome.baseOffset())
                .setLogAppendTimeMs(outcome.logAppendTimeMs())
                .setLogStartOffset(outcome.logStartOffset()));
        }
        if (acks == 0) {
            return anyError ? NoResponse.closingConnection(ApiKeys.PRODUCE) : NoResponse.of(ApiKeys.PRODUCE);
        }
        return new ProduceResponse(response);
    }

    private static CompletableFuture<AppendOutcome> failed(Errors error, String message) {
        return CompletableFuture.completedFuture(AppendOutcome.failed(error, message));
    }
}
