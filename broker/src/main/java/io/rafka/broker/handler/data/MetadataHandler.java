package io.rafka.broker.handler.data;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.broker.partition.ReplicaManager;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metadata, v0 to v13: the unfenced brokers (their endpoint on the listener the request came in
 * on), the cluster id, a controller id, and the requested topics (by name or, v12+, by id) with each
 * partition's leader, leader epoch, replicas, ISR and offline replicas, from the image this broker
 * has applied.
 *
 * <p>Controller id: every broker forwards admin writes to the active controller through the quorum,
 * so, like a KRaft Kafka broker, this one names itself; clients cannot reach the Ratis controller.
 *
 * <p>Auto-creation: with {@code auto.create.topics.enable} and the request allowing it, unknown topics
 * with valid names are created through the controller ({@code num.partitions},
 * {@code default.replication.factor}; {@code __consumer_offsets} with the offsets-topic settings) and
 * answered LEADER_NOT_AVAILABLE until this broker's image holds them, as Kafka does.
 *
 * <p>Thread-safe (stateless apart from its immutable settings).
 */
public final class MetadataHandler implements ApiHandler {

    private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);

    /** What topic auto-creation needs from the configuration. */
    public record AutoCreateSettings(boolean enabled, int numPartitions, int replicationFactor,
                                     int offsetsTopicPartitions, int offsetsTopicReplicationFactor) {}

    private final int localBrokerId;
    private final String clusterId;
    private final ReplicaManager replicaManager;
    private final ControllerClient controller;
    private final AutoCreateSettings autoCreate;

    public MetadataHandler(int localBrokerId, String clusterId, ReplicaManager replicaManager,
                           ControllerClient controller, AutoCreateSettings autoCreate) {
        this.localBrokerId = localBrokerId;
        this.clusterId = clusterId;
        this.replicaManager = replicaManager;
        this.controller = controller;
        this.autoCreate = autoCreate;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        MetadataRequest metadata = (MetadataRequest) request;
        MetadataImage image = replicaManager.image();
        List<String> toCreate = new ArrayList<>();
        if (!metadata.isAllTopics() && metadata.allowAutoTopicCreation() && autoCreate.enabled()) {
            for (MetadataRequestData.MetadataRequestTopic topic : metadata.data().topics()) {
                if (topic.name() != null && image.topic(topic.name()).isEmpty() && Topic.isValid(topic.name())) {
                    toCreate.add(topic.name());
                }
            }
        }
        if (toCreate.isEmpty()) {
            return CompletableFuture.completedFuture(respond(context, metadata, image, Map.of()));
        }
        return createTopics(toCreate).thenApply(creationErrors ->
            respond(context, metadata, replicaManager.image(), creationErrors));
    }

    /** Creates the topics; the result maps each name to the error to answer while the image lacks it. */
    private CompletableFuture<Map<String, Errors>> createTopics(List<String> names) {
        List<CreateTopics.Topic> topics = names.stream().map(this::topicToCreate).toList();
        return controller.createTopics(new CreateTopics.Request(topics, false)).handle((response, error) -> {
            Map<String, Errors> errors = new HashMap<>();
            names.forEach(name -> errors.put(name, Errors.LEADER_NOT_AVAILABLE));
            if (error != null) {
                log.warn("Auto-creating topics {} failed: {}", names, error.toString());
                return errors;
            }
            for (CreateTopics.Result result : response.results()) {
                String errorName = result.error().error().name();
                if (!errorName.equals("NONE") && !errorName.equals("TOPIC_ALREADY_EXISTS")) {
                    errors.put(result.name(), Errors.valueOf(errorName));
                }
            }
            return errors;
        });
    }

    private CreateTopics.Topic topicToCreate(String name) {
        if (name.equals(Topic.GROUP_METADATA_TOPIC_NAME)) {
            return new CreateTopics.Topic(name, autoCreate.offsetsTopicPartitions(),
                autoCreate.offsetsTopicReplicationFactor(), Map.of(), Map.of("cleanup.policy", "compact"));
        }
        return CreateTopics.Topic.of(name, autoCreate.numPartitions(), autoCreate.replicationFactor());
    }

    private AbstractResponse respond(RequestContext context, MetadataRequest request, MetadataImage image,
                                     Map<String, Errors> creationErrors) {
        MetadataResponseData data = new MetadataResponseData()
            .setClusterId(clusterId)
            .setControllerId(localBrokerId);
        Map<Integer, BrokerRegistration> alive = aliveBrokers(image);
        new TreeMap<>(alive).forEach((id, broker) -> endpoint(broker, context.listenerName()).ifPresent(endpoint ->
            data.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                .setNodeId(id).setHost(endpoint.host()).setPort(endpoint.port()).setRack(broker.rack()))));
        if (request.isAllTopics()) {
            new TreeMap<>(image.topicsByName()).values().forEach(topic ->
                data.topics().add(topicMetadata(topic, image, alive, context.listenerName())));
        } else {
            for (MetadataRequestData.MetadataRequestTopic requested : request.data().topics()) {
                data.topics().add(requestedTopic(requested, image, alive, context.listenerName(), creationErrors));
            }
        }
        return new MetadataResponse(data, request.version());
    }

    private MetadataResponseData.MetadataResponseTopic requestedTopic(MetadataRequestData.MetadataRequestTopic requested,
                                                                      MetadataImage image,
                                                                      Map<Integer, BrokerRegistration> alive,
                                                                      String listenerName,
                                                                      Map<String, Errors> creationErrors) {
        Optional<TopicImage> topic = TopicIds.resolve(image, requested.name(), requested.topicId());
        if (topic.isPresent()) {
            return topicMetadata(topic.get(), image, alive, listenerName);
        }
        MetadataResponseData.MetadataResponseTopic missing = new MetadataResponseData.MetadataResponseTopic()
            .setName(requested.name())
            .setTopicId(requested.topicId() == null ? Uuid.ZERO_UUID : requested.topicId())
            .setIsInternal(requested.name() != null && Topic.isInternal(requested.name()));
        if (requested.name() == null) {
            return missing.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code());
        }
        try {
            Topic.validate(requested.name());
        } catch (InvalidTopicException e) {
            return missing.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        Errors error = creationErrors.getOrDefault(requested.name(), Errors.UNKNOWN_TOPIC_OR_PARTITION);
        return missing.setErrorCode(error.code());
    }

    private MetadataResponseData.MetadataResponseTopic topicMetadata(TopicImage topic, MetadataImage image,
                                                                     Map<Integer, BrokerRegistration> alive,
                                                                     String listenerName) {
        MetadataResponseData.MetadataResponseTopic response = new MetadataResponseData.MetadataResponseTopic()
            .setErrorCode(Errors.NONE.code())
            .setName(topic.name())
            .setTopicId(TopicIds.toWire(topic.id()))
            .setIsInternal(Topic.isInternal(topic.name()));
        new TreeMap<>(topic.partitions()).forEach((partitionId, registration) ->
            response.partitions().add(partitionMetadata(partitionId, registration, alive, listenerName)));
        return response;
    }

    private static MetadataResponseData.MetadataResponsePartition partitionMetadata(
            int partitionId, PartitionRegistration registration, Map<Integer, BrokerRegistration> alive,
            String listenerName) {
        boolean leaderReachable = registration.hasLeader() && alive.containsKey(registration.leader())
            && endpoint(alive.get(registration.leader()), listenerName).isPresent();
        List<Integer> offline = registration.replicas().stream().filter(id -> !alive.containsKey(id)).toList();
        return new MetadataResponseData.MetadataResponsePartition()
            .setErrorCode(leaderReachable ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
            .setPartitionIndex(partitionId)
            .setLeaderId(leaderReachable ? registration.leader() : -1)
            .setLeaderEpoch(registration.leaderEpoch())
            .setReplicaNodes(new ArrayList<>(registration.replicas()))
            .setIsrNodes(new ArrayList<>(registration.isr()))
            .setOfflineReplicas(new ArrayList<>(offline));
    }

    private static Map<Integer, BrokerRegistration> aliveBrokers(MetadataImage image) {
        Map<Integer, BrokerRegistration> alive = new LinkedHashMap<>();
        image.brokers().forEach((id, broker) -> {
            if (!broker.fenced()) {
                alive.put(id, broker);
            }
        });
        return alive;
    }

    private static Optional<Endpoint> endpoint(BrokerRegistration broker, String listenerName) {
        return broker.endpoints().stream().filter(e -> e.name().equalsIgnoreCase(listenerName)).findFirst();
    }
}
