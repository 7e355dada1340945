package io.rafka.cli.partitions;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;

/**
 * How many bytes the replicas a plan adds hold, against how many they must hold (the leader's
 * size). Pure arithmetic over a DescribeLogDirs reading.
 *
 * <p>Thread-safety: immutable.
 */
record CopiedBytes(long copiedBytes, long totalBytes) {

    /**
     * @param addedReplicas per partition, the brokers the plan adds (target minus original replicas)
     * @param leaders per partition, the current leader (absent when offline)
     * @param replicaSizeBytes sizes the brokers reported; a replica not yet created is absent
     * @return empty when a leader's size is unknown, so the total would be a guess
     */
    static java.util.Optional<CopiedBytes> of(Map<TopicPartition, List<Integer>> addedReplicas,
            Map<TopicPartition, Integer> leaders, Map<TopicPartitionReplica, Long> replicaSizeBytes) {
        long copied = 0;
        long total = 0;
        for (Map.Entry<TopicPartition, List<Integer>> entry : addedReplicas.entrySet()) {
            TopicPartition partition = entry.getKey();
            if (entry.getValue().isEmpty()) {
                continue;
            }
            Integer leader = leaders.get(partition);
            Long leaderSizeBytes = leader == null ? null
                    : replicaSizeBytes.get(new TopicPartitionReplica(partition.topic(), partition.partition(), leader));
            if (leaderSizeBytes == null) {
                return java.util.Optional.empty();
            }
            for (int broker : entry.getValue()) {
                long sizeBytes = replicaSizeBytes.getOrDefault(
                        new TopicPartitionReplica(partition.topic(), partition.partition(), broker), 0L);
                copied += Math.min(sizeBytes, leaderSizeBytes);
                total += leaderSizeBytes;
            }
        }
        return java.util.Optional.of(new CopiedBytes(copied, total));
    }

    OptionalLong copied() {
        return OptionalLong.of(copiedBytes);
    }

    OptionalLong total() {
        return OptionalLong.of(totalBytes);
    }
}
