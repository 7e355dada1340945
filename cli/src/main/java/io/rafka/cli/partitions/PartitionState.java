package io.rafka.cli.partitions;

import java.util.List;
import java.util.Locale;

/**
 * Where one planned partition stands, judged from its current replicas and whether the
 * controller still lists a reassignment for it.
 */
public enum PartitionState {
    /** Replicas equal the plan and nothing is ongoing. */
    COMPLETE,
    /** The controller is still moving data. */
    IN_PROGRESS,
    /** Nothing ongoing, yet replicas differ from the plan: never started, cancelled, or failed. */
    NOT_APPLIED;

    public static PartitionState of(List<Integer> currentReplicas, List<Integer> targetReplicas, boolean ongoing) {
        if (ongoing) {
            return IN_PROGRESS;
        }
        // Order matters too: the first replica is the preferred leader the plan asked for.
        return currentReplicas.equals(targetReplicas) ? COMPLETE : NOT_APPLIED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
