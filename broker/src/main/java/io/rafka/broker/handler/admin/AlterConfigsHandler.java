package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.ApiError;

/**
 * The legacy AlterConfigs: the request's configs become the resource's whole set of overrides. It is sent to
 * the controller as an incremental change against this node's image (SET every given key, DELETE every
 * override not given), so there is one write path for configs.
 *
 * <p>NB: the image may trail the controller by a moment, so an override set concurrently by another client
 * can survive a legacy AlterConfigs. Kafka's legacy API has the same race between concurrent writers.
 *
 * <p>Thread-safe: no state of its own.
 */
final class AlterConfigsHandler implements ApiHandler {

    private final AdminContext context;

    AlterConfigsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALTER_CONFIGS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        AlterConfigsRequest alter = (AlterConfigsRequest) request;
        List<AlterConfigsResource> requested = new ArrayList<>(alter.data().resources());
        Map<Integer, ApiError> early = new HashMap<>();
        List<IncrementalAlterConfigs.Resource> resources = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            AlterConfigsResource resource = requested.get(i);
            ConfigResource target = ConfigResources.toMetadata(resource.resourceType(), resource.resourceName());
            if (target == null) {
                early.put(i, ConfigResources.unsupported(resource.resourceType()));
                continue;
            }
            resources.add(new IncrementalAlterConfigs.Resource(target, replaceAll(target, resource)));
        }
        if (resources.isEmpty()) {
            return CompletableFuture.completedFuture(respond(requested, early, Map.of(), null));
        }
        return context.controller()
                .incrementalAlterConfigs(new IncrementalAlterConfigs.Request(resources, alter.data().validateOnly()))
                .handle((response, failure) -> failure != null
                        ? respond(requested, early, Map.of(), AdminErrors.fromFailure(failure))
                        : respond(requested, early, ConfigResources.byResource(response.results()), null));
    }

    private List<IncrementalAlterConfigs.Op> replaceAll(ConfigResource target, AlterConfigsResource resource) {
        List<IncrementalAlterConfigs.Op> ops = new ArrayList<>();
        Set<String> given = new TreeSet<>();
        for (AlterableConfig config : resource.configs()) {
            given.add(config.name());
            ops.add(config.value() == null
                    ? new IncrementalAlterConfigs.Op(config.name(), IncrementalAlterConfigs.OpType.DELETE, null)
                    : new IncrementalAlterConfigs.Op(config.name(), IncrementalAlterConfigs.OpType.SET,
                            config.value()));
        }
        new TreeSet<>(context.quorum().currentImage().configs(target).keySet()).stream()
                .filter(name -> !given.contains(name))
                .forEach(name -> ops.add(new IncrementalAlterConfigs.Op(name, IncrementalAlterConfigs.OpType.DELETE,
                        null)));
        return ops;
    }

    private static AbstractResponse respond(List<AlterConfigsResource> requested, Map<Integer, ApiError> early,
                                            Map<ConfigResource, io.rafka.metadata.api.ApiError> results,
                                            ApiError failure) {
        AlterConfigsResponseData data = new AlterConfigsResponseData();
        for (int i = 0; i < requested.size(); i++) {
            AlterConfigsResource resource = requested.get(i);
            ApiError error = AdminErrors.resourceOutcome(early.get(i), failure,
                    results.get(ConfigResources.toMetadata(resource.resourceType(), resource.resourceName())));
            data.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName()).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        return new AlterConfigsResponse(data);
    }
}
