package io.rafka.broker.handler.group;

import io.rafka.broker.group.OffsetManager;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetDeleteResponse;

/**
 * OffsetDelete: removes committed offsets of partitions the group does not consume. A member's topics are read
 * from its consumer-protocol subscription; a partition of a subscribed topic gets GROUP_SUBSCRIBED_TO_TOPIC.
 *
 * <p>Thread-safe: no state of its own.
 */
final class OffsetDeleteHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    OffsetDeleteHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_DELETE;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        OffsetDeleteRequestData data = (OffsetDeleteRequestData) request.data();
        List<TopicPartition> partitions = new ArrayList<>();
        for (OffsetDeleteRequestTopic topic : data.topics()) {
            for (OffsetDeleteRequestPartition partition : topic.partitions()) {
                partitions.add(new TopicPartition(topic.name(), partition.partitionIndex()));
            }
        }
        return shell.<AbstractResponse>runForGroup(data.groupId(),
                error -> toResponse(new OffsetManager.OffsetDeleteResult(error, Map.of())),
                (core, respond) -> core.offsets().handleOffsetDelete(data.groupId(), partitions,
                        OffsetDeleteHandler::subscribedTopics, shell.nowMs(),
                        result -> respond.accept(toResponse(result))));
    }

    /** The topics of a consumer-protocol subscription; none when the bytes are not one. */
    static Set<String> subscribedTopics(byte[] subscription) {
        try {
            return new HashSet<>(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(subscription)).topics());
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static AbstractResponse toResponse(OffsetManager.OffsetDeleteResult result) {
        Map<String, OffsetDeleteResponseTopic> topics = new LinkedHashMap<>();
        result.partitionErrors().forEach((partition, error) -> topics.computeIfAbsent(partition.topic(),
                name -> new OffsetDeleteResponseTopic().setName(name)).partitions().add(
                new OffsetDeleteResponsePartition().setPartitionIndex(partition.partition())
                        .setErrorCode(error.code())));
        OffsetDeleteResponseData data = new OffsetDeleteResponseData().setErrorCode(result.error().code());
        topics.values().forEach(topic -> data.topics().add(topic));
        return new OffsetDeleteResponse(data);
    }
}
