package io.rafka.broker.partition;

import io.rafka.log.TopicPartition;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parked fetches by watched partition: Kafka's fetch purgatory, minus its timer (the operation
 * schedules its own timeout). {@link #wake} is called after every high-watermark move of a partition.
 *
 * <p>Memory: a completed operation is removed from the sets of the partitions it is woken through;
 * {@link #purgeCompleted} drops those left behind on partitions that never changed.
 *
 * <p>Thread-safe: concurrent sets; an operation's own {@code tryComplete} guarantees a single answer.
 */
final class FetchWaiters {

    private final Map<TopicPartition, Set<DelayedOperation>> watchers = new ConcurrentHashMap<>();

    /**
     * Watches {@code partitions} for {@code operation}, then checks it once more, so that a change
     * between the caller's last check and the registration is not missed.
     */
    void watch(DelayedOperation operation, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            watchers.computeIfAbsent(tp, key -> ConcurrentHashMap.newKeySet()).add(operation);
        }
        operation.tryComplete();
    }

    void wake(TopicPartition tp) {
        Set<DelayedOperation> waiting = watchers.get(tp);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        waiting.removeIf(operation -> operation.isCompleted() || operation.tryComplete());
    }

    /** Drops completed operations everywhere (timed-out fetches on idle partitions). */
    void purgeCompleted() {
        watchers.values().forEach(set -> set.removeIf(DelayedOperation::isCompleted));
        watchers.values().removeIf(Set::isEmpty);
    }

    /** Operations parked and not yet completed, each counted once per watched partition. */
    int watchedOperations() {
        return watchers.values().stream().mapToInt(set -> (int) set.stream().filter(op -> !op.isCompleted()).count()).sum();
    }
}
