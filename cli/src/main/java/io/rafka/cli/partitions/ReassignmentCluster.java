package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterSession;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.TopicPartitionReplica;

/**
 * What the reassign command asks the cluster: brokers, current replicas and leaders, ongoing
 * reassignments, replica sizes. Each method is one round of Admin calls.
 *
 * <p>Thread-safety: as thread-safe as its {@link ClusterSession}; used from one thread.
 */
final class ReassignmentCluster {
    private final ClusterSession session;

    ReassignmentCluster(ClusterSession session) {
        this.session = session;
    }

    Set<Integer> brokerIds() {
        Collection<Node> nodes = session.await(
                session.admin().describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes(),
                "describe cluster");
        return nodes.stream().map(Node::id).collect(Collectors.toSet());
    }

    Map<String, TopicDescription> describe(Collection<String> topics) {
        return session.await(session.admin().describeTopics(topics).allTopicNames(),
                "describe topic " + String.join(",", topics));
    }

    /** Partition counts of those {@code topics} that exist: unknown ones are left for {@link PlanValidator}. */
    Map<String, Integer> partitionCounts(Collection<String> topics) {
        Set<String> existing = session.await(session.admin().listTopics().names(), "list topics");
        List<String> known = topics.stream().filter(existing::contains).distinct().toList();
        Map<String, Integer> counts = new HashMap<>();
        if (!known.isEmpty()) {
            describe(known).forEach((name, description) -> counts.put(name, description.partitions().size()));
        }
        return counts;
    }

    /** The current replicas of each planned partition, in plan order. */
    Map<TopicPartition, List<Integer>> currentReplicas(ReassignmentPlan plan) {
        Map<TopicPartition, List<Integer>> current = new LinkedHashMap<>();
        Map<TopicPartition, TopicPartitionInfo> infos = partitionInfos(plan);
        for (PartitionMove move : plan.moves()) {
            TopicPartitionInfo info = infos.get(move.topicPartition());
            if (info == null) {
                throw new CliException("partition " + move.topicPartition() + " does not exist");
            }
            current.put(move.topicPartition(), info.replicas().stream().map(Node::id).toList());
        }
        return current;
    }

    /** The current leader of each planned partition that has one. */
    Map<TopicPartition, Integer> leaders(ReassignmentPlan plan) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        partitionInfos(plan).forEach((partition, info) -> {
            if (info.leader() != null && !info.leader().isEmpty()) {
                leaders.put(partition, info.leader().id());
            }
        });
        return leaders;
    }

    Set<TopicPartition> ongoing(ReassignmentPlan plan) {
        return session.await(session.admin().listPartitionReassignments(plan.targets().keySet()).reassignments(),
                "list partition reassignments").keySet();
    }

    /** Replica sizes on {@code brokers}, or null when a broker cannot report them (older or partial brokers). */
    Map<TopicPartitionReplica, Long> replicaSizesOrNull(Collection<Integer> brokers) {
        Map<Integer, Map<String, LogDirDescription>> byBroker;
        try {
            byBroker = session.await(session.admin().describeLogDirs(brokers).allDescriptions(), "describe log dirs");
        } catch (CliException e) {
            // NB: progress then falls back to counting partitions; the reassignment itself is unaffected.
            return null;
        }
        Map<TopicPartitionReplica, Long> sizes = new HashMap<>();
        byBroker.forEach((broker, dirs) -> dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, info) ->
                sizes.merge(new TopicPartitionReplica(partition.topic(), partition.partition(), broker),
                        info.size(), Long::sum))));
        return sizes;
    }

    private Map<TopicPartition, TopicPartitionInfo> partitionInfos(ReassignmentPlan plan) {
        Set<String> topics = plan.moves().stream().map(PartitionMove::topic).collect(Collectors.toSet());
        Map<TopicPartition, TopicPartitionInfo> infos = new HashMap<>();
        describe(topics).forEach((topic, description) -> description.partitions().forEach(info ->
                infos.put(new TopicPartition(topic, info.partition()), info)));
        return infos;
    }
}
