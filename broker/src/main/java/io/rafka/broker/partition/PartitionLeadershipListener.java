package io.rafka.broker.partition;

import io.rafka.log.TopicPartition;

/**
 * Told when this broker starts or stops leading a partition: what the group coordinator needs to load
 * and unload {@code __consumer_offsets} partitions. Called on the metadata publisher thread, in
 * metadata-log order, after the partition's state changed; must not block for long.
 */
public interface PartitionLeadershipListener {

    void onBecomeLeader(TopicPartition topicPartition, int leaderEpoch);

    /** No longer leads: became a follower, or stopped hosting the partition (deleted, moved away). */
    void onResign(TopicPartition topicPartition, int leaderEpoch);
}
