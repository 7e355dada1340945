package io.rafka.broker.partition;

import io.rafka.common.Time;
import io.rafka.log.LogException;
import io.rafka.log.LogManager;
import io.rafka.log.PartitionLog;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.MetadataListener;
import io.rafka.metadata.image.TopicImage;
import io.rafka.replication.PartitionRegistration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the partitions this broker hosts and applies the metadata image to them: for each partition
 * assigned here, open (or create) its log and become leader or follower as the registration says;
 * stop and delete the logs of deleted topics and of replicas moved away; apply topic config changes.
 * It is also the entry point of the data plane: {@link #appendAsLeader} (produce, and the group
 * coordinator's writes) and {@link #read} (fetch).
 *
 * <p>Threads: metadata changes arrive on the metadata publisher thread ({@link #onMetadataUpdate},
 * serialised on this object's monitor); appends and reads come from request-handler threads and never
 * take that monitor. One timer thread expires acks=all waiters and runs fetch timeouts.
 *
 * <p>Invariant: a partition is in {@code partitions} iff the last applied image assigns a replica of it
 * to this broker and its log opened; {@link #image()} is published only after the partitions it names
 * are in place, so a handler that sees a topic in the image finds its partitions (or learns they are
 * not led here).
 *
 * <p>Thread-safe.
 */
public final class ReplicaManager implements MetadataListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);
    private static final long EXPIRY_TICK_MS = 50;

    private final int localBrokerId;
    private final LogManager logManager;
    private final PartitionSettings brokerDefaults;
    private final Time time;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final FetchWaiters fetchWaiters = new FetchWaiters();
    private final List<PartitionLeadershipListener> leadershipListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final FollowerFetching fetchers;
    private final IsrProposalSink isrProposals;
    private final long replicaLagTimeMaxMs;
    private volatile MetadataImage image = MetadataImage.EMPTY;

    /** A replica manager without fetchers or ISR changes: a single node's, or a test's. */
    public ReplicaManager(int localBrokerId, LogManager logManager, PartitionSettings brokerDefaults, Time time) {
        this(localBrokerId, logManager, brokerDefaults, time, FollowerFetching.NONE, (partition, proposal) -> { },
            Long.MAX_VALUE);
    }

    /**
     * @param fetchers            where follower partitions are handed for fetching from their leaders
     * @param isrProposals        where leaders send ISR changes (AlterPartition to the controller)
     * @param replicaLagTimeMaxMs {@code replica.lag.time.max.ms}: a follower not caught up for this long leaves the ISR
     */
    public ReplicaManager(int localBrokerId, LogManager logManager, PartitionSettings brokerDefaults, Time time,
                          FollowerFetching fetchers, IsrProposalSink isrProposals, long replicaLagTimeMaxMs) {
        this.localBrokerId = localBrokerId;
        this.logManager = logManager;
        this.brokerDefaults = brokerDefaults;
        this.time = time;
        this.fetchers = fetchers;
        this.isrProposals = isrProposals;
        this.replicaLagTimeMaxMs = replicaLagTimeMaxMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rafka-replica-timer-" + localBrokerId);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::expireWaiters, EXPIRY_TICK_MS, EXPIRY_TICK_MS, TimeUnit.MILLISECONDS);
        if (replicaLagTimeMaxMs != Long.MAX_VALUE) {
            // Kafka checks at half the lag time, so a lagging follower leaves within 1.5x of it.
            long checkMs = Math.max(1, replicaLagTimeMaxMs / 2);
            timer.scheduleWithFixedDelay(this::maybeShrinkIsrs, checkMs, checkMs, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- metadata

    /** Applies one committed metadata change. Called in log order on the publisher thread. */
    @Override
    public synchronized void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        boolean fromEmpty = delta.base().offset() < 0;
        for (String deleted : delta.deletedTopics()) {
            stopTopic(deleted, true);
        }
        if (fromEmpty) {
            // A catch-up or snapshot: topics gone from the image are not listed as deleted.
            Set<String> hostedTopics = new HashSet<>();
            partitions.keySet().forEach(tp -> hostedTopics.add(tp.topic()));
            hostedTopics.stream().filter(topic -> newImage.topic(topic).isEmpty()).forEach(topic -> stopTopic(topic, true));
        }
        Collection<String> changed = fromEmpty ? newImage.topicsByName().keySet() : delta.changedTopics();
        for (String topicName : changed) {
            newImage.topic(topicName).ifPresent(topic -> reconcileTopic(topic, newImage));
        }
        for (ConfigResource resource : delta.changedConfigs()) {
            if (resource.type() == ConfigResource.Type.TOPIC && !changed.contains(resource.name())) {
                applyTopicConfig(resource.name(), newImage);
            }
        }
        image = newImage;
    }

    private void reconcileTopic(TopicImage topic, MetadataImage newImage) {
        PartitionSettings settings = settingsFor(topic.name(), newImage);
        topic.partitions().forEach((partitionId, registration) -> {
            TopicPartition tp = new TopicPartition(topic.name(), partitionId);
            if (registration.replicas().contains(localBrokerId)) {
                hostReplica(tp, topic, registration, settings);
            } else if (partitions.containsKey(tp)) {
                stopPartition(tp, true);
            }
        });
    }

    private void hostReplica(TopicPartition tp, TopicImage topic,
                             io.rafka.metadata.image.PartitionRegistration metadataRegistration,
                             PartitionSettings settings) {
        Partition partition = partitions.get(tp);
        if (partition != null && !partition.topicId().equals(topic.id())) {
            // Same name, new topic: the old one's data must not leak into it.
            stopPartition(tp, true);
            partition = null;
        }
        boolean newlyOpened = partition == null;
        if (partition == null) {
            partition = openPartition(tp, topic, settings);
            if (partition == null) {
                return;
            }
        } else {
            partition.updateSettings(settings);
        }
        PartitionRegistration registration = toReplication(metadataRegistration);
        boolean wasLeader = partition.isLeader();
        int previousEpoch = partition.leaderEpoch();
        if (registration.leaderId() == localBrokerId) {
            if (!wasLeader) {
                fetchers.unfollow(tp);
            }
            partition.becomeLeader(registration);
            if (!wasLeader || previousEpoch != registration.leaderEpoch()) {
                log.info("Leading {} in epoch {} (ISR {}, high watermark {})", tp, registration.leaderEpoch(),
                    registration.isr(), partition.highWatermark());
                if (wasLeader) {
                    notifyResign(tp, previousEpoch);
                }
                leadershipListeners.forEach(l -> l.onBecomeLeader(tp, registration.leaderEpoch()));
            }
        } else if (wasLeader || !registration.equals(partition.registration())) {
            boolean newTerm = wasLeader || previousEpoch != registration.leaderEpoch();
            partition.becomeFollower(registration);
            if (wasLeader) {
                notifyResign(tp, previousEpoch);
            }
            if (newTerm || newlyOpened) {
                if (registration.leaderId() >= 0) {
                    fetchers.follow(partition, registration.leaderId(), registration.leaderEpoch());
                } else {
                    // Offline: nobody to fetch from until an election names a leader.
                    fetchers.unfollow(tp);
                }
            }
        }
    }

    private Partition openPartition(TopicPartition tp, TopicImage topic, PartitionSettings settings) {
        PartitionLog partitionLog;
        try {
            partitionLog = logManager.getOrCreateLog(tp.topic(), tp.partition(), settings.logConfig());
        } catch (IOException | LogException e) {
            // NB: the partition stays unhosted (clients get NOT_LEADER_OR_FOLLOWER); Kafka would also
            // report the replica offline to the controller, which comes with log-dir failure handling.
            log.error("Cannot open the log of {}; not hosting it", tp, e);
            return null;
        }
        Partition partition = new Partition(tp, topic.id(), localBrokerId, partitionLog, settings, time,
            () -> fetchWaiters.wake(tp), isrProposals);
        partitions.put(tp, partition);
        return partition;
    }

    private void applyTopicConfig(String topicName, MetadataImage newImage) {
        PartitionSettings settings = settingsFor(topicName, newImage);
        partitions.forEach((tp, partition) -> {
            if (tp.topic().equals(topicName)) {
                partition.updateSettings(settings);
            }
        });
    }

    private PartitionSettings settingsFor(String topicName, MetadataImage newImage) {
        return brokerDefaults.withTopicOverrides(topicName, newImage.configs(ConfigResource.topic(topicName)));
    }

    private void stopTopic(String topicName, boolean deleteLogs) {
        List<TopicPartition> hosted = partitions.keySet().stream().filter(tp -> tp.topic().equals(topicName)).toList();
        hosted.forEach(tp -> stopPartition(tp, deleteLogs));
    }

    private void stopPartition(TopicPartition tp, boolean deleteLog) {
        Partition removed = partitions.remove(tp);
        if (removed == null) {
            return;
        }
        boolean wasLeader = removed.isLeader();
        fetchers.unfollow(tp);
        removed.stop();
        if (wasLeader) {
            notifyResign(tp, removed.leaderEpoch());
        }
        if (deleteLog) {
            try {
                logManager.deleteLog(tp.topic(), tp.partition());
                log.info("Deleted the log of {}", tp);
            } catch (IOException | LogException e) {
                log.error("Cannot delete the log of {}", tp, e);
            }
        }
    }

    private void notifyResign(TopicPartition tp, int leaderEpoch) {
        leadershipListeners.forEach(l -> l.onResign(tp, leaderEpoch));
    }

    /**
     * Deletes logs on disk that the image does not assign to this broker: topics deleted (or replicas
     * moved away) while it was down. Call once the image is known to be current, i.e. after the
     * controller unfenced this broker, never on an early, partial image.
     *
     * <p>NB: a topic deleted and re-created under the same name while this broker was down keeps the
     * old data: the log engine does not record topic ids (Kafka's {@code partition.metadata}).
     */
    public synchronized List<TopicPartition> deleteStrayLogs() {
        MetadataImage current = image;
        List<TopicPartition> deleted = new ArrayList<>();
        for (TopicPartition tp : logManager.allLogs().keySet()) {
            boolean assigned = current.partition(new io.rafka.metadata.api.TopicPartition(tp.topic(), tp.partition()))
                .map(p -> p.replicas().contains(localBrokerId)).orElse(false);
            if (!assigned && !partitions.containsKey(tp)) {
                try {
                    logManager.deleteLog(tp.topic(), tp.partition());
                    deleted.add(tp);
                    log.info("Deleted stray log {}: not assigned to broker {} in metadata offset {}", tp,
                        localBrokerId, current.offset());
                } catch (IOException | LogException e) {
                    log.error("Cannot delete stray log {}", tp, e);
                }
            }
        }
        return deleted;
    }

    static PartitionRegistration toReplication(io.rafka.metadata.image.PartitionRegistration registration) {
        return new PartitionRegistration(registration.leader(), registration.leaderEpoch(),
            registration.partitionEpoch(), registration.replicas(), new HashSet<>(registration.isr()));
    }

    // ---------------------------------------------------------------- data plane

    /**
     * Appends client batches to a partition this broker leads; see {@link Partition#appendAsLeader}.
     * The future completes with an error code in the outcome, never exceptionally, for operating errors.
     *
     * @param requiredAcks 0, 1 or -1 (all)
     */
    public CompletableFuture<AppendOutcome> appendAsLeader(TopicPartition tp, ByteBuffer records, short requiredAcks,
                                                           long timeoutMs) {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            return CompletableFuture.completedFuture(AppendOutcome.failed(missingPartitionError(tp), null));
        }
        return partition.appendAsLeader(records, requiredAcks, timeoutMs);
    }

    /** A read bounded by the high watermark, from the leader; see {@link Partition#read}. */
    public PartitionRead read(TopicPartition tp, long fetchOffset, int maxBytes, boolean minOneBatch,
                              int currentLeaderEpoch) {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            return PartitionRead.failed(missingPartitionError(tp));
        }
        return partition.read(fetchOffset, maxBytes, minOneBatch, currentLeaderEpoch);
    }

    /** A follower's fetch, served if this broker leads; see {@link Partition#readForFollower}. */
    public PartitionRead readForFollower(TopicPartition tp, int replicaId, long brokerEpoch, int currentLeaderEpoch,
                                         long fetchOffset, int lastFetchedEpoch, int maxBytes, boolean minOneBatch) {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            return PartitionRead.failed(missingPartitionError(tp));
        }
        return partition.readForFollower(replicaId, brokerEpoch, currentLeaderEpoch, fetchOffset, lastFetchedEpoch,
            maxBytes, minOneBatch);
    }

    /** UNKNOWN_TOPIC_OR_PARTITION if the image does not know it, else NOT_LEADER_OR_FOLLOWER. */
    public Errors missingPartitionError(TopicPartition tp) {
        boolean known = image.partition(new io.rafka.metadata.api.TopicPartition(tp.topic(), tp.partition())).isPresent();
        return known ? Errors.NOT_LEADER_OR_FOLLOWER : Errors.UNKNOWN_TOPIC_OR_PARTITION;
    }

    public Optional<Partition> partition(TopicPartition tp) {
        return Optional.ofNullable(partitions.get(tp));
    }

    public Map<TopicPartition, Partition> partitions() {
        return Map.copyOf(partitions);
    }

    /** The image whose assignment the hosted partitions reflect. */
    public MetadataImage image() {
        return image;
    }

    /** Parks {@code operation} until one of {@code watched} moves its high watermark or changes role. */
    public void watch(DelayedOperation operation, Collection<TopicPartition> watched) {
        fetchWaiters.watch(operation, watched);
    }

    /** Runs {@code task} on the timer thread after {@code delayMs}; keep it short. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Fetches parked and not yet answered (for tests and metrics). */
    public int parkedFetches() {
        return fetchWaiters.watchedOperations();
    }

    public void addLeadershipListener(PartitionLeadershipListener listener) {
        leadershipListeners.add(listener);
    }

    /** What each hosted replica holds, for the broker heartbeat (used by unclean elections). */
    public List<BrokerHeartbeat.ReplicaReport> replicaReports() {
        List<BrokerHeartbeat.ReplicaReport> reports = new ArrayList<>();
        partitions.forEach((tp, partition) -> {
            try {
                PartitionLog partitionLog = partition.log();
                reports.add(new BrokerHeartbeat.ReplicaReport(partition.topicId(), tp.partition(),
                    partitionLog.latestEpoch(), partitionLog.logEndOffset()));
            } catch (LogException e) {
                // An offline log has nothing to offer an unclean election.
            }
        });
        return reports;
    }

    private void maybeShrinkIsrs() {
        try {
            long nowMs = time.milliseconds();
            partitions.values().forEach(partition -> partition.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs));
        } catch (RuntimeException e) {
            log.error("ISR shrink check failed", e);
        }
    }

    private void expireWaiters() {
        try {
            long nowMs = time.milliseconds();
            partitions.values().forEach(partition -> partition.expireWaiters(nowMs));
            fetchWaiters.purgeCompleted();
        } catch (RuntimeException e) {
            log.error("acks=all expiry failed", e);
        }
    }

    /** Fails every waiter and stops the timer. The logs themselves are closed by the log manager. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        partitions.values().forEach(Partition::stop);
        partitions.clear();
    }
}
