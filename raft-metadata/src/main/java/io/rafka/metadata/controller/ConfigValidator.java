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

    /**
     * BOOLEAN, INT, LONG (at least {@code atLeast}); LIST (comma-separated, each in {@code allowed});
     * ONE_OF (exactly one of {@code allowed}); REPLICA_LIST (Kafka's throttled-replicas syntax: empty,
     * {@code *}, or {@code partition:broker} pairs).
     */
    enum Type { BOOLEAN, INT, LONG, LIST, ONE_OF, REPLICA_LIST }

    record Definition(Type type, long atLeast, List<String> allowed) {
        static Definition of(Type type, long atLeast) {
            return new Definition(type, atLeast, List.of());
        }
    }

    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private static final List<String> CLEANUP_POLICIES = List.of("compact", "delete");
    private static final List<String> TIMESTAMP_TYPES = List.of("CreateTime", "LogAppendTime");
    private static final List<String> COMPRESSION_TYPES = List.of("uncompressed", "zstd", "lz4", "snappy", "gzip",
        "producer");

    private static final Map<String, Definition> TOPIC = Map.ofEntries(
        Map.entry(UNCLEAN_LEADER_ELECTION_ENABLE, Definition.of(Type.BOOLEAN, 0)),
        Map.entry(MIN_INSYNC_REPLICAS, Definition.of(Type.INT, 1)),
        Map.entry("retention.ms", Definition.of(Type.LONG, -1)),
        Map.entry("retention.bytes", Definition.of(Type.LONG, Long.MIN_VALUE)),
        Map.entry("segment.bytes", Definition.of(Type.INT, 1024 * 1024)),
        Map.entry("segment.ms", Definition.of(Type.LONG, 1)),
        Map.entry("segment.index.bytes", Definition.of(Type.INT, 4)),
        Map.entry("index.interval.bytes", Definition.of(Type.INT, 0)),
        Map.entry("flush.messages", Definition.of(Type.LONG, 1)),
        Map.entry("flush.ms", Definition.of(Type.LONG, 0)),
        Map.entry("file.delete.delay.ms", Definition.of(Type.LONG, 0)),
        Map.entry("max.message.bytes", Definition.of(Type.INT, 0)),
        Map.entry("message.timestamp.type", new Definition(Type.ONE_OF, 0, TIMESTAMP_TYPES)),
        Map.entry("message.timestamp.before.max.ms", Definition.of(Type.LONG, 0)),
        Map.entry("message.timestamp.after.max.ms", Definition.of(Type.LONG, 0)),
        Map.entry("compression.type", new Definition(Type.ONE_OF, 0, COMPRESSION_TYPES)),
        Map.entry("cleanup.policy", new Definition(Type.LIST, 0, CLEANUP_POLICIES)),
        Map.entry("leader.replication.throttled.replicas", Definition.of(Type.REPLICA_LIST, 0)),
        Map.entry("follower.replication.throttled.replicas", Definition.of(Type.REPLICA_LIST, 0)));

    private static final Map<String, Definition> BROKER = Map.ofEntries(
        Map.entry(UNCLEAN_LEADER_ELECTION_ENABLE, Definition.of(Type.BOOLEAN, 0)),
        Map.entry(MIN_INSYNC_REPLICAS, Definition.of(Type.INT, 1)),
        Map.entry("log.retention.ms", Definition.of(Type.LONG, -1)),
        Map.entry("log.retention.bytes", Definition.of(Type.LONG, Long.MIN_VALUE)),
        Map.entry("log.segment.bytes", Definition.of(Type.INT, 1024 * 1024)),
        Map.entry("log.cleanup.policy", new Definition(Type.LIST, 0, CLEANUP_POLICIES)),
        Map.entry("leader.replication.throttled.rate", Definition.of(Type.LONG, 0)),
        Map.entry("follower.replication.throttled.rate", Definition.of(Type.LONG, 0)));

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
            case ONE_OF:
                return definition.allowed().contains(value) ? null
                    : "String must be one of: " + String.join(", ", definition.allowed());
            case REPLICA_LIST:
                boolean wellFormed = value.isEmpty() || value.equals("*") || Arrays.stream(value.split(","))
                    .map(String::trim).allMatch(pair -> pair.matches("\\d+:\\d+"));
                return wellFormed ? null : "must be empty, * or a list of partition:broker pairs";
            case LIST:
                boolean allKnown = value.isEmpty() || Arrays.stream(value.split(","))
                    .map(String::trim).allMatch(definition.allowed()::contains);
                return allKnown ? null : "String must be one of: " + String.join(", ", definition.allowed());
            default:
                throw new IllegalStateException("unhandled config type " + definition.type());
        }
    }
}
