package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.CreateTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

/**
 * CreateTopics through the controller, which applies Kafka's rules (topic names {@code [a-zA-Z0-9._-]}, at most
 * 249 characters, not {@code .} / {@code ..}; replication factor against registered brokers; replica
 * assignments; config validation) and answers each topic with Kafka's error and message. With
 * {@code validateOnly} nothing is written. The answer comes once the topic records commit.
 *
 * <p>From v5 a created topic's answer carries its partition count, replication factor and effective configs,
 * as Kafka's does, so {@code Admin.createTopics(...).config(name)} works.
 *
 * <p>Thread-safe: no state of its own.
 */
final class CreateTopicsHandler implements ApiHandler {

    private final AdminContext context;
    private final ConfigDescriber describer;

    CreateTopicsHandler(AdminContext context) {
        this.context = context;
        this.describer = new ConfigDescriber(context.config());
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        CreateTopicsRequest create = (CreateTopicsRequest) request;
        List<CreateTopics.Topic> topics = new ArrayList<>();
        for (CreatableTopic topic : create.data().topics()) {
            topics.add(toMetadata(topic));
        }
        if (topics.isEmpty()) {
            return CompletableFuture.completedFuture(new CreateTopicsResponse(new CreateTopicsResponseData()));
        }
        return context.controller().createTopics(new CreateTopics.Request(topics, create.data().validateOnly()))
                .handle((response, failure) -> failure != null
                        ? failedAll(topics, AdminErrors.fromFailure(failure))
                        : respond(topics, response));
    }

    private static CreateTopics.Topic toMetadata(CreatableTopic topic) {
        Map<Integer, List<Integer>> assignments = new LinkedHashMap<>();
        for (CreatableReplicaAssignment assignment : topic.assignments()) {
            assignments.put(assignment.partitionIndex(), List.copyOf(assignment.brokerIds()));
        }
        Map<String, String> configs = new HashMap<>();
        for (CreatableTopicConfig config : topic.configs()) {
            configs.put(config.name(), config.value());
        }
        return new CreateTopics.Topic(topic.name(), topic.numPartitions(), topic.replicationFactor(), assignments,
                configs);
    }

    private AbstractResponse respond(List<CreateTopics.Topic> topics, CreateTopics.Response response) {
        CreateTopicsResponseData data = new CreateTopicsResponseData();
        for (int i = 0; i < topics.size(); i++) {
            CreateTopics.Topic topic = topics.get(i);
            CreateTopics.Result result = i < response.results().size() ? response.results().get(i) : null;
            if (result == null || !result.name().equals(topic.name())) {
                data.topics().add(failed(topic.name(),
                        new ApiError(Errors.UNKNOWN_SERVER_ERROR, "The controller did not answer for this topic")));
                continue;
            }
            if (!result.error().isSuccess()) {
                data.topics().add(failed(topic.name(), AdminErrors.toApiError(result.error())));
                continue;
            }
            CreatableTopicResult created = new CreatableTopicResult().setName(result.name())
                    .setTopicId(Uuids.toKafka(result.topicId()))
                    .setErrorCode(Errors.NONE.code()).setNumPartitions(result.numPartitions())
                    .setReplicationFactor((short) result.replicationFactor());
            List<CreatableTopicConfigs> configs = new ArrayList<>();
            for (ConfigDescriber.Described config
                    : describer.describeTopic(nonNullValues(topic.configs()), context.quorum().currentImage())) {
                configs.add(new CreatableTopicConfigs().setName(config.name()).setValue(config.value())
                        .setReadOnly(config.readOnly()).setConfigSource(config.source().id()).setIsSensitive(false));
            }
            data.topics().add(created.setConfigs(configs));
        }
        return new CreateTopicsResponse(data);
    }

    private static Map<String, String> nonNullValues(Map<String, String> configs) {
        Map<String, String> values = new HashMap<>();
        configs.forEach((name, value) -> {
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private static AbstractResponse failedAll(List<CreateTopics.Topic> topics, ApiError error) {
        CreateTopicsResponseData data = new CreateTopicsResponseData();
        topics.forEach(topic -> data.topics().add(failed(topic.name(), error)));
        return new CreateTopicsResponse(data);
    }

    private static CreatableTopicResult failed(String name, ApiError error) {
        return new CreatableTopicResult().setName(name).setErrorCode(error.error().code())
                .setErrorMessage(error.message()).setNumPartitions(-1).setReplicationFactor((short) -1);
    }
}
