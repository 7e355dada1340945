package io.rafka.broker.partition;

import io.rafka.log.TopicPartition;

/**
 * The replica fetchers, as the replica manager drives them: a follower partition is handed over for
 * one leader and leader epoch, and taken back when it leads, stops, or follows another epoch.
 *
 * <p>Implementations are thread-safe and do not block on the network.
 */
public interface FollowerFetching {

    /** Fetch {@code partition} from broker {@code leaderId} for {@code leaderEpoch}, replacing any earlier assignment. */
    void follow(Partition partition, int leaderId, int leaderEpoch);

    /** Stop fetching {@code tp}; a fetch already in flight for it is discarded by the partition's epoch check. */
    void unfollow(TopicPartition tp);

    /** No fetchers: a single node, or tests of the leader side alone. */
    FollowerFetching NONE = new FollowerFetching() {
        @Override
        public void follow(Partition partition, int leaderId, int leaderEpoch) {
        }

        @Override
        public void unfollow(TopicPartition tp) {
        }
    };
}
