package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.api.ConfigResource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;

/**
 * DescribeConfigs for topics and for this broker (its node id, or {@code ""} for the cluster-wide dynamic
 * defaults), answered from this node's metadata image. Sources and synonyms follow Kafka (see
 * {@link ConfigDescriber}).
 *
 * <p>Thread-safe: reads an immutable image.
 */
final class DescribeConfigsHandler implements ApiHandler {

    private final AdminContext context;
    private final ConfigDescriber describer;

    DescribeConfigsHandler(AdminContext context) {
        this.context = context;
        this.describer = new ConfigDescriber(context.config());
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CONFIGS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        DescribeConfigsRequest describe = (DescribeConfigsRequest) request;
        boolean synonyms = describe.data().includeSynonyms();
        MetadataImage image = context.quorum().currentImage();
        DescribeConfigsResponseData data = new DescribeConfigsResponseData();
        for (DescribeConfigsResource resource : describe.data().resources()) {
            data.results().add(describeResource(resource, image, synonyms));
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(data));
    }

    private DescribeConfigsResult describeResource(DescribeConfigsResource resource, MetadataImage image,
                                                   boolean includeSynonyms) {
        DescribeConfigsResult result = new DescribeConfigsResult().setResourceType(resource.resourceType())
                .setResourceName(resource.resourceName());
        org.apache.kafka.common.config.ConfigResource.Type type =
                org.apache.kafka.common.config.ConfigResource.Type.forId(resource.resourceType());
        List<ConfigDescriber.Described> described;
        String name = resource.resourceName();
        if (type == org.apache.kafka.common.config.ConfigResource.Type.TOPIC) {
            TopicImage topic = image.topicsByName().get(name);
            if (topic == null) {
                return withError(result, new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                        "The topic '" + name + "' does not exist."));
            }
            described = new java.util.ArrayList<>(describer.describeTopic(image.configs(ConfigResource.topic(name)), image));
            ConfigDescriber.uncleanLoss(topic).ifPresent(described::add);
        } else if (type == org.apache.kafka.common.config.ConfigResource.Type.BROKER) {
            if (name.isEmpty()) {
                described = describer.describeClusterDefaults(image);
            } else if (name.equals(Integer.toString(context.nodeId()))) {
                described = describer.describeBroker(image);
            } else {
                return withError(result, new ApiError(Errors.INVALID_REQUEST,
                        "Unexpected broker id, expected " + context.nodeId() + " or empty string, but received "
                                + name));
            }
        } else {
            return withError(result, new ApiError(Errors.INVALID_REQUEST,
                    "Unsupported resource type " + type + " for DescribeConfigs"));
        }
        List<String> keys = resource.configurationKeys();
        for (ConfigDescriber.Described config : described) {
            if (keys == null || keys.isEmpty() || keys.contains(config.name())) {
                result.configs().add(toWire(config, includeSynonyms));
            }
        }
        return result.setErrorCode(Errors.NONE.code());
    }

    private static DescribeConfigsResourceResult toWire(ConfigDescriber.Described config, boolean includeSynonyms) {
        DescribeConfigsResourceResult wire = new DescribeConfigsResourceResult().setName(config.name())
                .setValue(config.value()).setReadOnly(config.readOnly()).setConfigSource(config.source().id())
                .setIsSensitive(false).setConfigType(config.type().id());
        if (includeSynonyms) {
            for (ConfigDescriber.Synonym synonym : config.synonyms()) {
                wire.synonyms().add(new DescribeConfigsSynonym().setName(synonym.name()).setValue(synonym.value())
                        .setSource(synonym.source().id()));
            }
        }
        return wire;
    }

    private static DescribeConfigsResult withError(DescribeConfigsResult result, ApiError error) {
        return result.setErrorCode(error.error().code()).setErrorMessage(error.message());
    }
}
