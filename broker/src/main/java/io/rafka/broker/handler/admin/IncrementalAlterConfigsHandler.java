package io.rafka.broker.handler.admin;

import io.rafka.broker.network.ApiHandler;
import io.rafka.broker.network.RequestContext;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;

/**
 * IncrementalAlterConfigs: SET / DELETE / APPEND / SUBTRACT per key, validated and applied by the controller
 * (which answers INVALID_CONFIG with Kafka's message); the answer comes once the config records commit.
 *
 * <p>Thread-safe: no state of its own.
 */
final class IncrementalAlterConfigsHandler implements ApiHandler {

    private final AdminContext context;

    IncrementalAlterConfigsHandler(AdminContext context) {
        this.context = context;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext requestContext, AbstractRequest request) {
        IncrementalAlterConfigsRequest alter = (IncrementalAlterConfigsRequest) request;
        Map<Integer, ApiError> early = new HashMap<>();
        List<IncrementalAlterConfigs.Resource> resources = new ArrayList<>();
        List<AlterConfigsResource> requested = new ArrayList<>(alter.data().resources());
        for (int i = 0; i < requested.size(); i++) {
            AlterConfigsResource resource = requested.get(i);
            ConfigResource target = ConfigResources.toMetadata(resource.resourceType(), resource.resourceName());
            if (target == null) {
                early.put(i, ConfigResources.unsupported(resource.resourceType()));
                continue;
            }
            List<IncrementalAlterConfigs.Op> ops = new ArrayList<>();
            for (AlterableConfig config : resource.configs()) {
                ops.add(new IncrementalAlterConfigs.Op(config.name(), opType(config.configOperation()),
                        config.value()));
            }
            resources.add(new IncrementalAlterConfigs.Resource(target, ops));
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

    private static IncrementalAlterConfigs.OpType opType(byte id) {
        return switch (AlterConfigOp.OpType.forId(id)) {
            case SET -> IncrementalAlterConfigs.OpType.SET;
            case DELETE -> IncrementalAlterConfigs.OpType.DELETE;
            case APPEND -> IncrementalAlterConfigs.OpType.APPEND;
            case SUBTRACT -> IncrementalAlterConfigs.OpType.SUBTRACT;
        };
    }

    private static AbstractResponse respond(List<AlterConfigsResource> requested, Map<Integer, ApiError> early,
                                            Map<ConfigResource, io.rafka.metadata.api.ApiError> results,
                                            ApiError failure) {
        IncrementalAlterConfigsResponseData data = new IncrementalAlterConfigsResponseData();
        for (int i = 0; i < requested.size(); i++) {
            AlterConfigsResource resource = requested.get(i);
            ApiError error = AdminErrors.resourceOutcome(early.get(i), failure,
                    results.get(ConfigResources.toMetadata(resource.resourceType(), resource.resourceName())));
            data.responses().add(new AlterConfigsResourceResponse().setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName()).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        return new IncrementalAlterConfigsResponse(data);
    }
}
