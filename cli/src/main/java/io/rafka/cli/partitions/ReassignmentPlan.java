package io.rafka.cli.partitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rafka.cli.CliException;
import io.rafka.cli.support.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition reassignment plan in the JSON format of Kafka's {@code kafka-reassign-partitions},
 * so existing plans work unchanged:
 *
 * <pre>{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2,3],"log_dirs":["any","any","any"]}]}</pre>
 *
 * <p>{@code log_dirs} is optional; Rafka has one log directory per broker, so only "any" is accepted.
 * Parsing checks the shape only; whether the cluster can carry the plan out is {@link PlanValidator}'s job.
 *
 * <p>Thread-safety: immutable.
 */
public record ReassignmentPlan(List<PartitionMove> moves) {
    static final int VERSION = 1;
    private static final String ANY_LOG_DIR = "any";
    private static final java.util.regex.Pattern SOURCE_LOCATION =
            java.util.regex.Pattern.compile("\\s*\\(for \\w+ starting at \\[Source: .*?; line: \\d+, column: \\d+\\]\\)");

    public ReassignmentPlan {
        moves = List.copyOf(moves);
    }

    /** The target replicas by partition, in plan order. */
    public Map<TopicPartition, List<Integer>> targets() {
        Map<TopicPartition, List<Integer>> targets = new LinkedHashMap<>();
        moves.forEach(move -> targets.put(move.topicPartition(), move.replicas()));
        return targets;
    }

    /** Parses a plan, or throws a {@link CliException} whose message names the first problem found. */
    public static ReassignmentPlan parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new CliException("not valid JSON" + where + ": " + withoutSourceLocation(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new CliException("a plan must be a JSON object with \"version\" and \"partitions\"");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.asInt() == VERSION)) {
            throw new CliException("unsupported plan version " + version + " (only " + VERSION + " exists)");
        }
        JsonNode partitions = root.get("partitions");
        if (partitions == null || !partitions.isArray()) {
            throw new CliException("\"partitions\" must be an array");
        }
        if (partitions.isEmpty()) {
            throw new CliException("the plan moves no partitions (\"partitions\" is empty)");
        }
        List<PartitionMove> moves = new ArrayList<>();
        Set<TopicPartition> seen = new HashSet<>();
        for (int index = 0; index < partitions.size(); index++) {
            PartitionMove move = parseMove(partitions.get(index), "partitions[" + index + "]");
            if (!seen.add(move.topicPartition())) {
                throw new CliException("partitions[" + index + "]: " + move.topicPartition() + " appears more than once");
            }
            moves.add(move);
        }
        return new ReassignmentPlan(moves);
    }

    /**
     * Jackson appends where an unclosed object or array began as "(for Object starting at [Source:
     * REDACTED (...); line: 1, column: 28])": noise next to the line and column already given.
     */
    static String withoutSourceLocation(String message) {
        return SOURCE_LOCATION.matcher(message).replaceAll("");
    }

    private static PartitionMove parseMove(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new CliException(where + ": must be an object with topic, partition and replicas");
        }
        JsonNode topic = entry.get("topic");
        if (topic == null || !topic.isTextual() || topic.asText().isEmpty()) {
            throw new CliException(where + ": \"topic\" must be a non-empty string");
        }
        JsonNode partition = entry.get("partition");
        if (partition == null || !partition.isInt() || partition.asInt() < 0) {
            throw new CliException(where + ": \"partition\" must be a non-negative integer");
        }
        List<Integer> replicas = parseReplicas(entry.get("replicas"), where);
        checkLogDirs(entry.get("log_dirs"), replicas.size(), where);
        return new PartitionMove(topic.asText(), partition.asInt(), replicas);
    }

    private static List<Integer> parseReplicas(JsonNode replicas, String where) {
        if (replicas == null || !replicas.isArray() || replicas.isEmpty()) {
            throw new CliException(where + ": \"replicas\" must be a non-empty array of broker ids");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : replicas) {
            if (!id.isInt() || id.asInt() < 0) {
                throw new CliException(where + ": replica " + id + " is not a broker id");
            }
            if (ids.contains(id.asInt())) {
                throw new CliException(where + ": broker " + id.asInt() + " is listed twice in \"replicas\"");
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    private static void checkLogDirs(JsonNode logDirs, int replicaCount, String where) {
        if (logDirs == null) {
            return;
        }
        if (!logDirs.isArray() || logDirs.size() != replicaCount) {
            throw new CliException(where + ": \"log_dirs\" must have one entry per replica");
        }
        for (JsonNode dir : logDirs) {
            if (!ANY_LOG_DIR.equals(dir.asText())) {
                throw new CliException(where + ": log dir " + dir + " is not supported (only \"any\": moves between"
                        + " log dirs of one broker are not implemented)");
            }
        }
    }

    /** The plan as Kafka writes it: one line, every replica's log dir "any". */
    public String toJson() {
        try {
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    public ObjectNode toJsonTree() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode partitions = root.putArray("partitions");
        for (PartitionMove move : moves) {
            ObjectNode entry = partitions.addObject();
            entry.put("topic", move.topic());
            entry.put("partition", move.partition());
            ArrayNode replicas = entry.putArray("replicas");
            move.replicas().forEach(replicas::add);
            ArrayNode logDirs = entry.putArray("log_dirs");
            move.replicas().forEach(replica -> logDirs.add(ANY_LOG_DIR));
        }
        return root;
    }
}
