package io.rafka.metadata.controller;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.record.ConfigRecord;
import io.rafka.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IncrementalAlterConfigs for topics and brokers. A resource's operations are validated together and written
 * together (or not at all).
 *
 * <p>Not thread-safe: the controller's single thread.
 */
final class ConfigControl {

    private final ControllerView view;

    ConfigControl(ControllerView view) {
        this.view = view;
    }

    ControllerResult<IncrementalAlterConfigs.Response> handleIncrementalAlterConfigs(
        IncrementalAlterConfigs.Request request) {
        List<MetadataRecord> records = new ArrayList<>();
        List<IncrementalAlterConfigs.Result> results = new ArrayList<>();
        for (IncrementalAlterConfigs.Resource resource : request.resources()) {
            List<MetadataRecord> resourceRecords = new ArrayList<>();
            ApiError error = alter(resource, resourceRecords);
            results.add(new IncrementalAlterConfigs.Result(resource.resource(), error));
            if (error.isSuccess() && !request.validateOnly()) {
                view.replay(resourceRecords);
                records.addAll(resourceRecords);
            }
        }
        return ControllerResult.of(records, new IncrementalAlterConfigs.Response(results));
    }

    private ApiError alter(IncrementalAlterConfigs.Resource request, List<MetadataRecord> records) {
        ConfigResource resource = request.resource();
        ApiError resourceError = validateResource(resource);
        if (!resourceError.isSuccess()) {
            return resourceError;
        }
        Map<String, String> values = new HashMap<>(view.image.configs(resource));
        for (IncrementalAlterConfigs.Op op : request.ops()) {
            ApiError nameError = ConfigValidator.validate(resource.type(), op.name(), null);
            if (!nameError.isSuccess()) {
                return nameError;
            }
            String newValue;
            switch (op.type()) {
                case SET -> newValue = op.value();
                case DELETE -> newValue = null;
                case APPEND, SUBTRACT -> {
                    if (!ConfigValidator.isList(resource.type(), op.name())) {
                        return ApiError.of(MetadataError.INVALID_CONFIG,
                            "Config value append is not allowed for config key: %s", op.name());
                    }
                    newValue = listOp(values.get(op.name()), op);
                }
                default -> throw new IllegalStateException("unhandled op " + op.type());
            }
            ApiError valueError = ConfigValidator.validate(resource.type(), op.name(), newValue);
            if (!valueError.isSuccess()) {
                return valueError;
            }
            if (newValue == null) {
                values.remove(op.name());
            } else {
                values.put(op.name(), newValue);
            }
            records.add(new ConfigRecord(resource.type(), resource.name(), op.name(), newValue));
        }
        return ApiError.NONE;
    }

    private static String listOp(String current, IncrementalAlterConfigs.Op op) {
        Set<String> items = new LinkedHashSet<>();
        if (current != null && !current.isBlank()) {
            Arrays.stream(current.split(",")).map(String::trim).forEach(items::add);
        }
        List<String> operands = op.value() == null ? List.of() : Arrays.stream(op.value().split(",")).map(String::trim).toList();
        if (op.type() == IncrementalAlterConfigs.OpType.APPEND) {
            items.addAll(operands);
        } else {
            operands.forEach(items::remove);
        }
        return String.join(",", items);
    }

    private ApiError validateResource(ConfigResource resource) {
        if (resource.type() == ConfigResource.Type.TOPIC) {
            return view.image.topicsByName().containsKey(resource.name()) ? ApiError.NONE
                : ApiError.of(MetadataError.UNKNOWN_TOPIC_OR_PARTITION, "Topic %s does not exist.", resource.name());
        }
        if (resource.name().isEmpty()) {
            return ApiError.NONE;
        }
        try {
            Integer.parseInt(resource.name());
            return ApiError.NONE;
        } catch (NumberFormatException e) {
            return ApiError.of(MetadataError.INVALID_REQUEST, "Invalid broker name %s", resource.name());
        }
    }
}
