package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code --verify}: the state of every move of the plan; removes the throttle once all are
 * complete, and fails when a partition is neither at its target nor moving.
 *
 * <p>Thread-safety: stateless.
 */
final class ReassignVerify {

    private ReassignVerify() {}

    static int run(ReassignContext context, ReassignmentPlan plan, boolean waitForCompletion, long pollIntervalMs)
            throws InterruptedException {
        if (waitForCompletion) {
            Map<TopicPartition, List<Integer>> current = context.cluster().currentReplicas(plan);
            new ReassignmentWaiter(context.cluster(), context.environment(), pollIntervalMs).waitForCompletion(plan, current,
                    OptionalLong.empty());
        }
        Set<TopicPartition> ongoing = context.cluster().ongoing(plan);
        Map<TopicPartition, List<Integer>> current = context.cluster().currentReplicas(plan);
        Table table = new Table("TOPIC", "PARTITION", "STATE", "REPLICAS", "TARGET");
        List<Map<String, Object>> rows = new ArrayList<>();
        int complete = 0;
        int notApplied = 0;
        for (PartitionMove move : plan.moves()) {
            List<Integer> replicas = current.get(move.topicPartition());
            PartitionState state = PartitionState.of(replicas, move.replicas(), ongoing.contains(move.topicPartition()));
            complete += state == PartitionState.COMPLETE ? 1 : 0;
            notApplied += state == PartitionState.NOT_APPLIED ? 1 : 0;
            table.addRow(move.topic(), move.partition(), state.label(), ReassignContext.join(replicas), ReassignContext.join(move.replicas()));
            rows.add(Json.object("topic", move.topic(), "partition", move.partition(), "state", state.label(),
                    "replicas", replicas, "target", move.replicas()));
        }
        context.output().print(context.environment(), rows, table);
        if (complete == plan.moves().size()) {
            context.maybeRemoveThrottle(plan, current);
        }
        if (notApplied > 0) {
            throw new CliException(notApplied + " of " + plan.moves().size()
                    + " partitions are neither reassigned nor moving (never started, cancelled or refused)");
        }
        return 0;
    }
}
