package io.rafka.cli.partitions;

import io.rafka.cli.CliEnvironment;
import io.rafka.cli.CliException;
import io.rafka.cli.support.ClusterSession;
import io.rafka.cli.support.OutputOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;

/**
 * What every mode of {@code partitions reassign} works with, and the steps they share.
 *
 * <p>Thread-safety: confined to the command's thread.
 *
 * @param planFile the --plan file, for messages; null for --generate
 */
record ReassignContext(CliEnvironment environment, OutputOptions output, ClusterSession session,
        ReassignmentCluster cluster, Path planFile) {

    /**
     * Awaits each partition's future, in plan order; the value is {@code success}, "not in
     * progress" or "refused: reason".
     */
    Map<TopicPartition, String> awaitEach(ReassignmentPlan plan, Map<TopicPartition, KafkaFuture<Void>> futures, String success) {
        Map<TopicPartition, String> results = new LinkedHashMap<>();
        for (TopicPartition partition : plan.targets().keySet()) {
            try {
                session.await(futures.get(partition), partition.toString());
                results.put(partition, success);
            } catch (CliException e) {
                results.put(partition, e.getCause() instanceof NoReassignmentInProgressException
                        ? "not in progress" : "refused: " + e.getMessage());
            }
        }
        return results;
    }

    /** Removes the throttle of {@code --execute --throttle} if this plan's topics carry one. */
    void maybeRemoveThrottle(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> replicas) {
        if (!ReplicationThrottle.isSet(session, plan)) {
            return;
        }
        try {
            ReplicationThrottle.remove(session, plan, replicas);
        } catch (CliException e) {
            // NB: the move itself succeeded; a leftover throttle only slows later replication.
            environment.err().println("warning: could not remove the replication throttle: " + e.getMessage());
            environment.err().flush();
        }
    }

    static String join(List<Integer> ids) {
        return ids == null ? "-" : String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
