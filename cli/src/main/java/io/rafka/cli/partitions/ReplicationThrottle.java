package io.rafka.cli.partitions;

import io.rafka.cli.support.ClusterSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The replication throttle of {@code --execute --throttle}, set the way Kafka's tool sets it so a
 * Kafka broker honours it too: a rate on every broker involved, and on each topic the replicas
 * that lead ({@code leader.replication.throttled.replicas}) and follow
 * ({@code follower.replication.throttled.replicas}) during the move. {@code --verify} (once
 * complete) and {@code --cancel} remove it.
 *
 * <p>Thread-safety: stateless.
 */
final class ReplicationThrottle {
    static final String LEADER_RATE = "leader.replication.throttled.rate";
    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    private ReplicationThrottle() {}

    static void apply(ClusterSession session, ReassignmentPlan plan, Map<TopicPartition, List<Integer>> current,
            long rateBytesPerSecond) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        String rate = Long.toString(rateBytesPerSecond);
        for (int broker : brokersInvolved(plan, current)) {
            changes.put(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(broker)),
                    List.of(set(LEADER_RATE, rate), set(FOLLOWER_RATE, rate)));
        }
        Map<String, List<String>> leading = new HashMap<>();
        Map<String, List<String>> following = new HashMap<>();
        for (PartitionMove move : plan.moves()) {
            List<Integer> before = current.get(move.topicPartition());
            before.forEach(broker -> leading.computeIfAbsent(move.topic(), t -> new ArrayList<>())
                    .add(move.partition() + ":" + broker));
            move.replicas().stream().filter(broker -> !before.contains(broker)).forEach(broker ->
                    following.computeIfAbsent(move.topic(), t -> new ArrayList<>()).add(move.partition() + ":" + broker));
        }
        for (String topic : topicsOf(plan)) {
            List<AlterConfigOp> ops = new ArrayList<>();
            ops.add(set(LEADER_REPLICAS, String.join(",", leading.getOrDefault(topic, List.of()))));
            ops.add(set(FOLLOWER_REPLICAS, String.join(",", following.getOrDefault(topic, List.of()))));
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops);
        }
        session.await(session.admin().incrementalAlterConfigs(changes).all(), "set replication throttle");
    }

    static void remove(ClusterSession session, ReassignmentPlan plan, Map<TopicPartition, List<Integer>> current) {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (int broker : brokersInvolved(plan, current)) {
            changes.put(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(broker)),
                    List.of(delete(LEADER_RATE), delete(FOLLOWER_RATE)));
        }
        for (String topic : topicsOf(plan)) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(delete(LEADER_REPLICAS), delete(FOLLOWER_REPLICAS)));
        }
        session.await(session.admin().incrementalAlterConfigs(changes).all(), "remove replication throttle");
    }

    /** Whether a topic of {@code plan} carries a throttle this tool set; false when configs cannot be read. */
    static boolean isSet(ClusterSession session, ReassignmentPlan plan) {
        List<ConfigResource> resources = topicsOf(plan).stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        try {
            return session.await(session.admin().describeConfigs(resources).all(), "describe topic configs").values()
                    .stream()
                    .map(config -> config.get(LEADER_REPLICAS))
                    .anyMatch(entry -> entry != null && entry.value() != null && !entry.value().isEmpty()
                            && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        } catch (io.rafka.cli.CliException e) {
            return false;
        }
    }

    private static Set<Integer> brokersInvolved(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> current) {
        Set<Integer> brokers = new TreeSet<>();
        plan.moves().forEach(move -> brokers.addAll(move.replicas()));
        current.values().forEach(brokers::addAll);
        return brokers;
    }

    private static Set<String> topicsOf(ReassignmentPlan plan) {
        Set<String> topics = new TreeSet<>();
        plan.moves().forEach(move -> topics.add(move.topic()));
        return topics;
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp delete(String name) {
        return new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE);
    }
}
