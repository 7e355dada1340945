package io.rafka.broker.handler.group;

import io.rafka.broker.group.OffsetManager;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitResponse;

/**
 * OffsetCommit, by a group member (generation + member id) or by a simple consumer / tool (generation -1, no
 * member, Empty group). Answered per partition once the offsets are durable in {@code __consumer_offsets}.
 *
 * <p>NB: v2-v4's {@code retention_time_ms} is ignored; offsets never expire yet.
 *
 * <p>Thread-safe: no state of its own.
 */
final class OffsetCommitHandler implements ApiHandler {

    private final GroupCoordinatorShell shell;

    OffsetCommitHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        OffsetCommitRequestData data = (OffsetCommitRequestData) request.data();
        List<OffsetManager.PartitionOffset> commits = new ArrayList<>();
        for (OffsetCommitRequestTopic topic : data.topics()) {
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                commits.add(new OffsetManager.PartitionOffset(new TopicPartition(topic.name(),
                        partition.partitionIndex()), partition.committedOffset(), partition.committedLeaderEpoch(),
                        partition.committedMetadata()));
            }
        }
        Function<Errors, AbstractResponse> allFailed = error -> {
            Map<TopicPartition, Errors> errors = new LinkedHashMap<>();
            commits.forEach(commit -> errors.put(commit.partition(), error));
            return toResponse(errors);
        };
        if (commits.isEmpty()) {
            return CompletableFuture.completedFuture(toResponse(Map.of()));
        }
        return shell.runForGroup(data.groupId(), allFailed,
                (core, respond) -> core.offsets().handleOffsetCommit(data.groupId(), data.memberId(),
                        data.groupInstanceId(), data.generationIdOrMemberEpoch(), commits, shell.nowMs(),
                        results -> respond.accept(toResponse(results))));
    }

    private static AbstractResponse toResponse(Map<TopicPartition, Errors> results) {
        Map<String, OffsetCommitResponseTopic> topics = new LinkedHashMap<>();
        results.forEach((partition, error) -> topics.computeIfAbsent(partition.topic(),
                name -> new OffsetCommitResponseTopic().setName(name)).partitions().add(
                new OffsetCommitResponsePartition().setPartitionIndex(partition.partition())
                        .setErrorCode(error.code())));
        return new OffsetCommitResponse(new OffsetCommitResponseData().setTopics(new ArrayList<>(topics.values())));
    }
}
