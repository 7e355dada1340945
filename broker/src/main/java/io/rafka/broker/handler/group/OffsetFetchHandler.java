package io.rafka.broker.handler.group;

import io.rafka.broker.group.OffsetManager;
import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetFetchResponse;

/**
 * OffsetFetch: one group (v1-v7) or several (v8+, each routed to its own core and answered with its own error).
 * A null topic list asks for every committed offset of the group; a partition without a committed offset
 * answers offset -1, as in Kafka.
 *
 * <p>NB: {@code require_stable} (v7+) needs no waiting: Rafka has no transactional offset commits.
 *
 * <p>Thread-safe: no state of its own.
 */
final class OffsetFetchHandler implements ApiHandler {

    /** One group's answer, independent of the wire version; {@code offsets} empty on error. */
    private record GroupOffsets(String groupId, Errors error,
                                Map<TopicPartition, OffsetManager.CommittedOffset> offsets) {}

    private final GroupCoordinatorShell shell;

    OffsetFetchHandler(GroupCoordinatorShell shell) {
        this.shell = shell;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FETCH;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        OffsetFetchRequestData data = (OffsetFetchRequestData) request.data();
        short version = request.version();
        if (version < 8) {
            List<TopicPartition> requested = partitionsOfSingleGroup(data.topics());
            return fetch(data.groupId(), requested).thenApply(group -> singleGroupResponse(group, requested, version));
        }
        List<CompletableFuture<GroupOffsets>> groups = new ArrayList<>();
        for (OffsetFetchRequestGroup group : data.groups()) {
            groups.add(fetch(group.groupId(), partitionsOf(group.topics())));
        }
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            OffsetFetchResponseData response = new OffsetFetchResponseData();
            groups.forEach(group -> response.groups().add(toWire(group.join())));
            return new OffsetFetchResponse(response, version);
        });
    }

    private CompletableFuture<GroupOffsets> fetch(String groupId, List<TopicPartition> partitions) {
        return shell.runForGroup(groupId, error -> new GroupOffsets(groupId, error, Map.of()),
                (core, respond) -> respond.accept(new GroupOffsets(groupId, Errors.NONE,
                        core.offsets().fetchOffsets(groupId, partitions))));
    }

    private static List<TopicPartition> partitionsOfSingleGroup(List<OffsetFetchRequestTopic> topics) {
        if (topics == null) {
            return null;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(t -> t.partitionIndexes().forEach(p -> partitions.add(new TopicPartition(t.name(), p))));
        return partitions;
    }

    private static List<TopicPartition> partitionsOf(List<OffsetFetchRequestTopics> topics) {
        if (topics == null) {
            return null;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(t -> t.partitionIndexes().forEach(p -> partitions.add(new TopicPartition(t.name(), p))));
        return partitions;
    }

    private static AbstractResponse singleGroupResponse(GroupOffsets group, List<TopicPartition> requested,
                                                        short version) {
        OffsetFetchResponseData data = new OffsetFetchResponseData().setErrorCode(group.error().code());
        Map<String, OffsetFetchResponseTopic> topics = new LinkedHashMap<>();
        if (version < 2 && group.error() != Errors.NONE && requested != null) {
            // v1 has no group-level error: every partition carries it.
            requested.forEach(partition -> topics.computeIfAbsent(partition.topic(),
                    name -> new OffsetFetchResponseTopic().setName(name)).partitions().add(
                    new OffsetFetchResponsePartition().setPartitionIndex(partition.partition()).setCommittedOffset(-1)
                            .setMetadata("").setErrorCode(group.error().code())));
        }
        group.offsets().forEach((partition, committed) -> topics.computeIfAbsent(partition.topic(),
                name -> new OffsetFetchResponseTopic().setName(name)).partitions().add(
                new OffsetFetchResponsePartition().setPartitionIndex(partition.partition())
                        .setCommittedOffset(committed == null ? -1 : committed.offset())
                        .setCommittedLeaderEpoch(committed == null ? -1 : committed.leaderEpoch())
                        .setMetadata(committed == null ? "" : committed.metadata())
                        .setErrorCode(Errors.NONE.code())));
        data.setTopics(new ArrayList<>(topics.values()));
        return new OffsetFetchResponse(data, version);
    }

    private static OffsetFetchResponseGroup toWire(GroupOffsets group) {
        Map<String, OffsetFetchResponseTopics> topics = new LinkedHashMap<>();
        group.offsets().forEach((partition, committed) -> topics.computeIfAbsent(partition.topic(),
                name -> new OffsetFetchResponseTopics().setName(name)).partitions().add(
                new OffsetFetchResponsePartitions().setPartitionIndex(partition.partition())
                        .setCommittedOffset(committed == null ? -1 : committed.offset())
                        .setCommittedLeaderEpoch(committed == null ? -1 : committed.leaderEpoch())
                        .setMetadata(committed == null ? "" : committed.metadata())
                        .setErrorCode(Errors.NONE.code())));
        return new OffsetFetchResponseGroup().setGroupId(group.groupId()).setErrorCode(group.error().code())
                .setTopics(new ArrayList<>(topics.values()));
    }
}
