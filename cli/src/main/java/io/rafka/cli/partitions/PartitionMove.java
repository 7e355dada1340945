package io.rafka.cli.partitions;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One entry of a reassignment plan: the replicas a partition should end up with, in order (the
 * first is the preferred leader).
 *
 * <p>Thread-safety: immutable.
 */
public record PartitionMove(String topic, int partition, List<Integer> replicas) {

    public PartitionMove {
        replicas = List.copyOf(replicas);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
