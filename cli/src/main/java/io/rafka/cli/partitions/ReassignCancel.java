package io.rafka.cli.partitions;

import io.rafka.cli.CliException;
import io.rafka.cli.support.Json;
import io.rafka.cli.support.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code --cancel}: stops the plan's moves still in progress (the controller reverts them to the
 * original replicas) and removes the throttle.
 *
 * <p>Thread-safety: stateless.
 */
final class ReassignCancel {

    private ReassignCancel() {}

    static int run(ReassignContext context, ReassignmentPlan plan) {
        Map<TopicPartition, Optional<NewPartitionReassignment>> request = new LinkedHashMap<>();
        plan.targets().keySet().forEach(partition -> request.put(partition, Optional.empty()));
        Map<TopicPartition, String> results = context.awaitEach(plan, context.session().admin().alterPartitionReassignments(request).values(), "cancelled");
        Table table = new Table("TOPIC", "PARTITION", "RESULT");
        List<Map<String, Object>> rows = new ArrayList<>();
        results.forEach((partition, result) -> {
            table.addRow(partition.topic(), partition.partition(), result);
            rows.add(Json.object("topic", partition.topic(), "partition", partition.partition(), "result", result));
        });
        context.output().print(context.environment(), rows, table);
        context.maybeRemoveThrottle(plan, context.cluster().currentReplicas(plan));
        long failed = results.values().stream().filter(r -> !r.equals("cancelled") && !r.equals("not in progress")).count();
        if (failed > 0) {
            throw new CliException(failed + " of " + plan.moves().size() + " cancellations failed (see RESULT above)");
        }
        return 0;
    }
}
