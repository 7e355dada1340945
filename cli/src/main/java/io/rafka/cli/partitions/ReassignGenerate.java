package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * {@code --generate}: prints the current assignment of the topics and a proposed plan over the
 * given brokers, both in Kafka's plan format.
 *
 * <p>Thread-safety: stateless.
 */
final class ReassignGenerate {

    private ReassignGenerate() {}

    static int run(ReassignContext context, List<String> topics, List<Integer> brokers) {
        Set<Integer> known = context.cluster().brokerIds();
        List<Integer> unknown = brokers.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new CliException("--brokers names brokers not in the cluster: " + unknown + " (brokers: " + known + ")");
        }
        Map<String, TopicDescription> descriptions = context.cluster().describe(topics);
        Map<String, List<List<Integer>>> current = new LinkedHashMap<>();
        for (String topic : topics) {
            List<TopicPartitionInfo> infos = new ArrayList<>(descriptions.get(topic).partitions());
            infos.sort(Comparator.comparingInt(TopicPartitionInfo::partition));
            current.put(topic, infos.stream().map(info -> info.replicas().stream().map(Node::id).toList()).toList());
        }
        ReassignmentPlan proposed = PlanGenerator.generate(current, brokers);
        ReassignmentPlan currentPlan = new ReassignmentPlan(current.entrySet().stream()
                .flatMap(topic -> IntStream.range(0, topic.getValue().size())
                        .mapToObj(p -> new PartitionMove(topic.getKey(), p, topic.getValue().get(p))))
                .toList());
        if (context.output().format() == OutputFormat.JSON) {
            context.environment().out().println(Json.write(Json.object("current", currentPlan.toJsonTree(), "proposed", proposed.toJsonTree())));
        } else {
            context.environment().out().println("Current partition replica assignment");
            context.environment().out().println(currentPlan.toJson());
            context.environment().out().println();
            context.environment().out().println("Proposed partition reassignment configuration");
            context.environment().out().println(proposed.toJson());
        }
        context.environment().out().flush();
        return 0;
    }
}
