package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.OutputFormat;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code --execute}: checks the plan against the cluster, optionally sets the throttle, starts
 * every move, prints the rollback plan and, with {@code --wait}, follows the moves to the end.
 *
 * <p>Thread-safety: stateless.
 */
final class ReassignExecute {

    private ReassignExecute() {}

    static int run(ReassignContext context, ReassignmentPlan plan, Long throttleBytesPerSecond,
            boolean waitForCompletion, long pollIntervalMs) throws InterruptedException {
        List<String> problems = PlanValidator.problems(plan,
                context.cluster().partitionCounts(plan.moves().stream().map(PartitionMove::topic).toList()),
                context.cluster().brokerIds());
        if (!problems.isEmpty()) {
            throw new CliException("impossible plan " + context.planFile() + ": " + String.join("; ", problems));
        }
        Map<TopicPartition, List<Integer>> original = context.cluster().currentReplicas(plan);
        if (throttleBytesPerSecond != null) {
            ReplicationThrottle.apply(context.session(), plan, original, throttleBytesPerSecond);
        }
        long movesStartedMs = context.environment().time().monotonicMs();
        Map<TopicPartition, Optional<NewPartitionReassignment>> request = new LinkedHashMap<>();
        plan.targets().forEach((partition, replicas) -> request.put(partition, Optional.of(new NewPartitionReassignment(replicas))));
        Map<TopicPartition, String> results = context.awaitEach(plan, context.session().admin().alterPartitionReassignments(request).values(), "started");
        ReassignmentPlan rollback = new ReassignmentPlan(original.entrySet().stream()
                .map(e -> new PartitionMove(e.getKey().topic(), e.getKey().partition(), e.getValue())).toList());
        printExecuted(context, plan, original, results, rollback);
        long refused = results.values().stream().filter(result -> !result.equals("started")).count();
        if (refused > 0) {
            throw new CliException(refused + " of " + plan.moves().size() + " partition moves were refused (see RESULT above)");
        }
        if (waitForCompletion) {
            new ReassignmentWaiter(context.cluster(), context.environment(), pollIntervalMs).waitForCompletion(plan, original,
                    OptionalLong.of(movesStartedMs));
            context.maybeRemoveThrottle(plan, original);
        }
        return 0;
    }

    private static void printExecuted(ReassignContext context, ReassignmentPlan plan, Map<TopicPartition, List<Integer>> original,
            Map<TopicPartition, String> results, ReassignmentPlan rollback) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Table table = new Table("TOPIC", "PARTITION", "FROM", "TO", "RESULT");
        for (PartitionMove move : plan.moves()) {
            List<Integer> from = original.get(move.topicPartition());
            String result = results.get(move.topicPartition());
            table.addRow(move.topic(), move.partition(), ReassignContext.join(from), ReassignContext.join(move.replicas()), result);
            rows.add(Json.object("topic", move.topic(), "partition", move.partition(), "from", from,
                    "to", move.replicas(), "result", result));
        }
        if (context.output().format() == OutputFormat.JSON) {
            context.environment().out().println(Json.write(Json.object("rollback", rollback.toJsonTree(), "partitions", rows)));
        } else {
            context.environment().out().println("Current partition replica assignment (save it to roll back):");
            context.environment().out().println(rollback.toJson());
            context.environment().out().println();
            context.environment().out().print(table.render());
        }
        context.environment().out().flush();
    }
}
