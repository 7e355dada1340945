package io.rafka.broker.replica;

import io.rafka.broker.partition.FollowerFetching;
import io.rafka.broker.partition.Partition;
import io.rafka.common.Time;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.image.BrokerRegistration;
import io.rafka.metadata.image.MetadataImage;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The replica fetchers of this broker: {@code num.replica.fetchers} threads per source broker, a
 * followed partition always on the same one (by hash), started on first use and stopped when they
 * have nothing left to fetch. Leader endpoints come from the metadata image's broker registrations.
 *
 * <p>Thread-safe: assignment changes are serialised on this object's monitor.
 */
public final class ReplicaFetcherManager implements FollowerFetching, AutoCloseable {

    private record FetcherKey(int leaderId, int index) {}

    private final FetcherSettings settings;
    private final LongSupplier brokerEpoch;
    private final Supplier<MetadataImage> image;
    private final Time time;
    private final Map<FetcherKey, ReplicaFetcher> fetchers = new HashMap<>();
    private final Map<TopicPartition, FetcherKey> owners = new HashMap<>();
    private boolean closed;
    private volatile boolean paused;
    private final ReplicationThrottle throttle;

    public ReplicaFetcherManager(FetcherSettings settings, LongSupplier brokerEpoch, Supplier<MetadataImage> image,
                                 Time time) {
        this.settings = settings;
        this.brokerEpoch = brokerEpoch;
        this.image = image;
        this.time = time;
        this.throttle = new ReplicationThrottle(settings.localBrokerId(), image, time);
    }

    @Override
    public synchronized void follow(Partition partition, int leaderId, int leaderEpoch) {
        if (closed) {
            return;
        }
        TopicPartition tp = partition.topicPartition();
        FetcherKey key = new FetcherKey(leaderId, Math.floorMod(Objects.hash(tp.topic(), tp.partition()),
            settings.numFetchers()));
        FetcherKey previous = owners.get(tp);
        if (previous != null && !previous.equals(key)) {
            unfollow(tp);
        }
        ReplicaFetcher fetcher = fetchers.computeIfAbsent(key, k -> {
            ReplicaFetcher created = new ReplicaFetcher(k.leaderId(), k.index(), settings, brokerEpoch,
                this::addressOf, () -> paused, throttle, time);
            created.start();
            return created;
        });
        fetcher.assign(partition, leaderEpoch);
        owners.put(tp, key);
    }

    @Override
    public synchronized void unfollow(TopicPartition tp) {
        FetcherKey key = owners.remove(tp);
        if (key == null) {
            return;
        }
        ReplicaFetcher fetcher = fetchers.get(key);
        if (fetcher != null && fetcher.unassign(tp)) {
            fetchers.remove(key);
            fetcher.close();
        }
    }

    /**
     * Stops (or resumes) every fetch of this broker while it keeps heartbeating: its replicas fall
     * behind and leave ISRs by {@code replica.lag.time.max.ms}, exactly like a follower stuck on a slow
     * disk. For fault tests and for an operator who wants a node to stop taking replication traffic.
     */
    public void setPaused(boolean pause) {
        paused = pause;
        synchronized (this) {
            fetchers.values().forEach(ReplicaFetcher::wakeUp);
        }
    }

    /** Partitions being fetched, per source broker (tests and metrics). */
    public synchronized Map<Integer, Integer> followedPartitionsByLeader() {
        Map<Integer, Integer> counts = new HashMap<>();
        owners.values().forEach(key -> counts.merge(key.leaderId(), 1, Integer::sum));
        return counts;
    }

    Optional<InetSocketAddress> addressOf(int brokerId) {
        BrokerRegistration broker = image.get().broker(brokerId);
        return broker == null ? Optional.empty() : BrokerAddresses.interBroker(broker, settings.listenerName());
    }

    @Override
    public void close() {
        Map<FetcherKey, ReplicaFetcher> stopping;
        synchronized (this) {
            closed = true;
            stopping = new HashMap<>(fetchers);
            fetchers.clear();
            owners.clear();
        }
        stopping.values().forEach(ReplicaFetcher::close);
    }
}
