package io.rafka.metadata.controller;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.CreatePartitions;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.DeleteTopics;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.record.ConfigRecord;
import io.rafka.metadata.record.MetadataRecord;
import io.rafka.metadata.record.PartitionRecord;
import io.rafka.metadata.record.RemoveTopicRecord;
import io.rafka.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Topic creation and deletion, and adding partitions. A new partition's ISR is its live replicas and its
 * leader the first of them in assignment order.
 *
 * <p>Not thread-safe: the controller's single thread.
 */
final class TopicControl {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_NAME_LENGTH = 249;

    private final ControllerView view;

    TopicControl(ControllerView view) {
        this.view = view;
    }

    ControllerResult<CreateTopics.Response> handleCreateTopics(CreateTopics.Request request) {
        List<MetadataRecord> records = new ArrayList<>();
        List<CreateTopics.Result> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        request.topics().forEach(t -> {
            if (!seen.add(t.name())) {
                duplicates.add(t.name());
            }
        });
        for (CreateTopics.Topic topic : request.topics()) {
            if (duplicates.contains(topic.name())) {
                results.add(failed(topic, ApiError.of(MetadataError.INVALID_REQUEST,
                    "Create topics request from client contains a duplicate topic: %s", topic.name())));
                continue;
            }
            List<MetadataRecord> topicRecords = new ArrayList<>();
            CreateTopics.Result result = createTopic(topic, topicRecords);
            results.add(result);
            if (result.error().isSuccess() && !request.validateOnly()) {
                view.replay(topicRecords);
                records.addAll(topicRecords);
            }
        }
        return ControllerResult.of(records, new CreateTopics.Response(results));
    }

    private CreateTopics.Result createTopic(CreateTopics.Topic topic, List<MetadataRecord> records) {
        ApiError nameError = validateName(topic.name());
        if (!nameError.isSuccess()) {
            return failed(topic, nameError);
        }
        if (view.image.topicsByName().containsKey(topic.name())) {
            return failed(topic, ApiError.of(MetadataError.TOPIC_ALREADY_EXISTS, "Topic '%s' already exists.", topic.name()));
        }
        Map<String, String> configs = topic.configs() == null ? Map.of() : topic.configs();
        for (Map.Entry<String, String> config : new TreeMap<>(configs).entrySet()) {
            ApiError error = ConfigValidator.validate(ConfigResource.Type.TOPIC, config.getKey(), config.getValue());
            if (!error.isSuccess()) {
                return failed(topic, error);
            }
        }
        List<List<Integer>> assignments;
        try {
            assignments = assignmentsFor(topic);
        } catch (ReplicaPlacer.PlacementException e) {
            return failed(topic, e.error());
        }
        UUID topicId = view.newTopicId();
        records.add(new TopicRecord(topic.name(), topicId));
        for (int p = 0; p < assignments.size(); p++) {
            records.add(newPartition(topicId, p, assignments.get(p)));
        }
        new TreeMap<>(configs).forEach((name, value) ->
            records.add(new ConfigRecord(ConfigResource.Type.TOPIC, topic.name(), name, value)));
        return new CreateTopics.Result(topic.name(), topicId, ApiError.NONE, assignments.size(),
            assignments.get(0).size());
    }

    private List<List<Integer>> assignmentsFor(CreateTopics.Topic topic) {
        if (topic.assignments() != null && !topic.assignments().isEmpty()) {
            if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
                throw placementError(MetadataError.INVALID_REQUEST,
                    "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
            }
            List<List<Integer>> assignments = new ArrayList<>();
            for (int p = 0; p < topic.assignments().size(); p++) {
                List<Integer> replicas = topic.assignments().get(p);
                if (replicas == null) {
                    throw placementError(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                        "Partitions should be a consecutive 0-based integer sequence");
                }
                validateExplicitReplicas(replicas);
                assignments.add(List.copyOf(replicas));
            }
            return assignments;
        }
        int numPartitions = topic.numPartitions() == -1 ? view.config.defaultNumPartitions() : topic.numPartitions();
        int replicationFactor = topic.replicationFactor() == -1 ? view.config.defaultReplicationFactor()
            : topic.replicationFactor();
        if (numPartitions <= 0) {
            throw placementError(MetadataError.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
        }
        if (replicationFactor <= 0) {
            throw placementError(MetadataError.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0.");
        }
        return ReplicaPlacer.place(view.aliveBrokers(), view.image.partitionCount(), numPartitions, replicationFactor);
    }

    private void validateExplicitReplicas(List<Integer> replicas) {
        if (replicas.isEmpty() || new HashSet<>(replicas).size() != replicas.size()) {
            throw placementError(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                "Replica assignment %s is empty or contains duplicates", replicas);
        }
        for (int replica : replicas) {
            if (view.image.broker(replica) == null) {
                throw placementError(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                    "The manual partition assignment includes broker %d, but no such broker is registered.", replica);
            }
        }
        if (replicas.stream().noneMatch(view::isAlive)) {
            throw placementError(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                "All brokers specified in the partition assignment %s are fenced.", replicas);
        }
    }

    private PartitionRecord newPartition(UUID topicId, int partitionId, List<Integer> replicas) {
        List<Integer> isr = replicas.stream().filter(view::isAlive).toList();
        return new PartitionRecord(topicId, partitionId, replicas, isr, isr.get(0), 0, 0, List.of(), List.of(), null);
    }

    private static ReplicaPlacer.PlacementException placementError(MetadataError error, String format, Object... values) {
        return new ReplicaPlacer.PlacementException(ApiError.of(error, format, values));
    }

    static ApiError validateName(String name) {
        if (name == null || name.isEmpty()) {
            return ApiError.of(MetadataError.INVALID_TOPIC_EXCEPTION, "Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return ApiError.of(MetadataError.INVALID_TOPIC_EXCEPTION, "Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return ApiError.of(MetadataError.INVALID_TOPIC_EXCEPTION,
                "Topic name is illegal, it can't be longer than %d characters, topic name: %s", MAX_NAME_LENGTH, name);
        }
        if (!LEGAL_NAME.matcher(name).matches()) {
            return ApiError.of(MetadataError.INVALID_TOPIC_EXCEPTION, "Topic name \"%s\" is illegal, it contains a "
                + "character other than ASCII alphanumerics, '.', '_' and '-'", name);
        }
        return ApiError.NONE;
    }

    private static CreateTopics.Result failed(CreateTopics.Topic topic, ApiError error) {
        return new CreateTopics.Result(topic.name(), null, error, -1, -1);
    }

    ControllerResult<DeleteTopics.Response> handleDeleteTopics(DeleteTopics.Request request) {
        List<MetadataRecord> records = new ArrayList<>();
        List<DeleteTopics.Result> results = new ArrayList<>();
        List<String> names = request.names() == null ? List.of() : request.names();
        List<UUID> ids = request.topicIds() == null ? List.of() : request.topicIds();
        for (String name : names) {
            TopicImage topic = view.image.topicsByName().get(name);
            results.add(topic == null
                ? new DeleteTopics.Result(name, null, ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION,
                    "This server does not host this topic-partition."))
                : delete(topic, records));
        }
        for (UUID id : ids) {
            TopicImage topic = view.image.topicsById().get(id);
            results.add(topic == null
                ? new DeleteTopics.Result(null, id, ApiError.of(MetadataError.UNKNOWN_TOPIC_ID,
                    "This server does not host this topic ID."))
                : delete(topic, records));
        }
        return ControllerResult.of(records, new DeleteTopics.Response(results));
    }

    private DeleteTopics.Result delete(TopicImage topic, List<MetadataRecord> records) {
        List<MetadataRecord> removal = List.of(new RemoveTopicRecord(topic.id()));
        view.replay(removal);
        records.addAll(removal);
        return new DeleteTopics.Result(topic.name(), topic.id(), ApiError.NONE);
    }

    ControllerResult<CreatePartitions.Response> handleCreatePartitions(CreatePartitions.Request request) {
        List<MetadataRecord> records = new ArrayList<>();
        List<CreatePartitions.Result> results = new ArrayList<>();
        for (CreatePartitions.Topic topic : request.topics()) {
            List<MetadataRecord> topicRecords = new ArrayList<>();
            ApiError error = createPartitions(topic, topicRecords);
            results.add(new CreatePartitions.Result(topic.name(), error));
            if (error.isSuccess() && !request.validateOnly()) {
                view.replay(topicRecords);
                records.addAll(topicRecords);
            }
        }
        return ControllerResult.of(records, new CreatePartitions.Response(results));
    }

    private ApiError createPartitions(CreatePartitions.Topic request, List<MetadataRecord> records) {
        TopicImage topic = view.image.topicsByName().get(request.name());
        if (topic == null) {
            return ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic-partition.");
        }
        int current = topic.partitions().size();
        if (request.totalCount() < current) {
            return ApiError.of(MetadataError.INVALID_PARTITIONS,
                "Topic currently has %d partitions, which is higher than the requested %d.", current, request.totalCount());
        }
        if (request.totalCount() == current) {
            return ApiError.of(MetadataError.INVALID_PARTITIONS, "Topic already has %d partitions.", current);
        }
        int added = request.totalCount() - current;
        List<List<Integer>> assignments;
        try {
            if (request.newAssignments() != null && !request.newAssignments().isEmpty()) {
                if (request.newAssignments().size() != added) {
                    return ApiError.of(MetadataError.INVALID_REPLICA_ASSIGNMENT,
                        "Attempted to add %d additional partition(s), but only %d assignment(s) were specified.",
                        added, request.newAssignments().size());
                }
                request.newAssignments().forEach(this::validateExplicitReplicas);
                assignments = request.newAssignments();
            } else {
                PartitionRegistration first = topic.partition(0);
                int replicationFactor = first.targetReplicas().size();
                assignments = ReplicaPlacer.place(view.aliveBrokers(), view.image.partitionCount(), added, replicationFactor);
            }
        } catch (ReplicaPlacer.PlacementException e) {
            return e.error();
        }
        for (int i = 0; i < added; i++) {
            records.add(newPartition(topic.id(), current + i, assignments.get(i)));
        }
        return ApiError.NONE;
    }
}
