package io.rafka.metadata.controller;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.MetadataError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The topic and broker configs the controller accepts, with Kafka's validation messages
 * ({@code Invalid value abc for configuration min.insync.replicas: Not a number of type INT}).
 *
 * <p>Stateless, thread-safe.
 */
public final class ConfigValidator {

    enum Type { BOOLEAN, INT, LONG, LIST }

    record Definition(Type type, long atLeast, List<String> allowed) {
    }

    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private static final Map<String, Definition> TOPIC = Map.of(
        UNCLEAN_LEADER_ELECTION_ENABLE, new Definition(Type.BOOLEAN, 0, List.of()),
        MIN_INSYNC_REPLICAS, new Definition(Type.INT, 1, List.of()),
        "retention.ms", new Definition(Type.LONG, -1, List.of()),
        "retention.bytes", new Definition(Type.LONG, Long.MIN_VALUE, List.of()),
        "segment.bytes", new Definition(Type.INT, 1024 * 1024, List.of()),
        "segment.ms", new Definition(Type.LONG, 1, List.of()),
        "max.message.bytes", new Definition(Type.INT, 0, List.of()),
        "cleanup.policy", new Definition(Type.LIST, 0, List.of("compact", "delete")));

    private static final Map<String, Definition> BROKER = Map.of(
        UNCLEAN_LEADER_ELECTION_ENABLE, new Definition(Type.BOOLEAN, 0, List.of()),
        MIN_INSYNC_REPLICAS, new Definition(Type.INT, 1, List.of()),
        "log.retention.ms", new Definition(Type.LONG, -1, List.of()),
        "log.retention.bytes", new Definition(Type.LONG, Long.MIN_VALUE, List.of()),
        "log.segment.bytes", new Definition(Type.INT, 1024 * 1024, List.of()),
        "log.cleanup.policy", new Definition(Type.LIST, 0, List.of("compact", "delete")));

    private ConfigValidator() {}

    /** Returns {@link ApiError#NONE} or INVALID_CONFIG with Kafka's message. */
    public static ApiError validate(ConfigResource.Type resourceType, String name, String value) {
        Definition definition = definitions(resourceType).get(name);
        if (definition == null) {
            return ApiError.of(MetadataError.INVALID_CONFIG, "Unknown %s config name: %s",
                resourceType == ConfigResource.Type.TOPIC ? "topic" : "broker", name);
        }
        if (value == null) {
            return ApiError.NONE;
        }
        String problem = problem(definition, value.trim());
        return problem == null ? ApiError.NONE
            : ApiError.of(MetadataError.INVALID_CONFIG, "Invalid value %s for configuration %s: %s", value, name, problem);
    }

    public static boolean isList(ConfigResource.Type resourceType, String name) {
        Definition definition = definitions(resourceType).get(name);
        return definition != null && definition.type() == Type.LIST;
    }

    private static Map<String, Definition> definitions(ConfigResource.Type resourceType) {
        return resourceType == ConfigResource.Type.TOPIC ? TOPIC : BROKER;
    }

    private static String problem(Definition definition, String value) {
        switch (definition.type()) {
            case BOOLEAN:
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : "Expected value to be either true or false";
            case INT:
            case LONG:
                long number;
                try {
                    number = definition.type() == Type.INT ? Integer.parseInt(value) : Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "Not a number of type " + definition.type();
                }
                return number < definition.atLeast() ? "Value must be at least " + definition.atLeast() : null;
            case LIST:
                boolean allKnown = value.isEmpty() || Arrays.stream(value.split(","))
                    .map(String::trim).allMatch(definition.allowed()::contains);
                return allKnown ? null : "String must be one of: " + String.join(", ", definition.allowed());
            default:
                throw new IllegalStateException("unhandled config type " + definition.type());
        }
    }
}
