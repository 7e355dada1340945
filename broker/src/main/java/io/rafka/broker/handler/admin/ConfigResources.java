package io.rafka.broker.handler.admin;

import io.rafka.metadata.api.ConfigResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Kafka's config resource (type byte + name) to the controller's {@link ConfigResource}, and the per-resource
 * error of a resource the controller does not handle (group, client metrics, broker loggers).
 *
 * <p>Stateless, thread-safe.
 */
final class ConfigResources {

    private ConfigResources() {}

    /** The controller's resource, or null if the type is not one the controller keeps configs for. */
    static ConfigResource toMetadata(byte resourceType, String name) {
        org.apache.kafka.common.config.ConfigResource.Type type =
                org.apache.kafka.common.config.ConfigResource.Type.forId(resourceType);
        return switch (type) {
            case TOPIC -> ConfigResource.topic(name);
            case BROKER -> new ConfigResource(ConfigResource.Type.BROKER, name);
            default -> null;
        };
    }

    static ApiError unsupported(byte resourceType) {
        return new ApiError(Errors.INVALID_REQUEST, "Unsupported resource type "
                + org.apache.kafka.common.config.ConfigResource.Type.forId(resourceType) + " for altering configs");
    }

    /** Indexes the controller's per-resource results. */
    static Map<ConfigResource, io.rafka.metadata.api.ApiError> byResource(
            List<io.rafka.metadata.api.IncrementalAlterConfigs.Result> results) {
        Map<ConfigResource, io.rafka.metadata.api.ApiError> errors = new HashMap<>();
        results.forEach(r -> errors.put(r.resource(), r.error()));
        return errors;
    }
}
