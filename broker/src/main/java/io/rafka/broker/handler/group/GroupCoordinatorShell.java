package io.rafka.broker.handler.group;

import static io.rafka.common.Checks.check;

import io.rafka.broker.config.RafkaConfig;
import io.rafka.broker.group.GroupCoordinator;
import io.rafka.broker.group.GroupCoordinatorConfig;
import io.rafka.broker.group.GroupRecord;
import io.rafka.common.Time;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.quorum.ControllerClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin shell around the pure group-coordinator cores: one {@link GroupCoordinator} per partition of
 * {@code __consumer_offsets} that this node leads, all driven by one coordinator thread.
 *
 * <ul>
 *   <li><b>Routing.</b> A group lives in partition {@code abs(groupId.hashCode()) % offsets.topic.num.partitions},
 *       as in Kafka, so Kafka clients and tools agree on the coordinator. A group whose partition is not led
 *       here gets NOT_COORDINATOR; one whose partition is still loading gets COORDINATOR_LOAD_IN_PROGRESS.</li>
 *   <li><b>Leadership.</b> {@link #onLeadershipChange} (the node calls it with every metadata image) compares the
 *       partitions led here, with their leader epochs, to the cores held: a partition gained (or regained with a
 *       new epoch) is loaded on the loader thread (log start to high watermark, decoded, replayed) and its core
 *       installed; a partition lost drops its core at once.</li>
 *   <li><b>Time.</b> Each core's {@code tick} is scheduled at its {@code nextDeadlineMs()}, rescheduled after
 *       every request and every sink callback.</li>
 *   <li><b>The offsets topic</b> is created through the controller on the first FindCoordinator that finds it
 *       missing ({@code offsets.topic.num.partitions}, {@code offsets.topic.replication.factor},
 *       {@code cleanup.policy=compact}).</li>
 * </ul>
 *
 * <p>Lifecycle: {@code new} -> {@link #start()} -> {@link #onLeadershipChange} any number of times ->
 * {@link #close()}. Requests before start or after close are answered COORDINATOR_NOT_AVAILABLE.
 *
 * <p>Thread-safe. All coordinator state ({@link #owned}, the cores) is confined to the coordinator thread; public
 * methods only submit to it. Loading runs on a separate loader thread so a large partition never stalls the
 * groups of the others.
 */
public final class GroupCoordinatorShell implements AutoCloseable {

    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinatorShell.class);

    /**
     * @param loadRetryBackoffMs how long to wait before loading a partition again after a failed load (its log
     *     may not be open yet when leadership arrives)
     */
    public record Settings(int nodeId, int offsetsTopicPartitions, short offsetsTopicReplicationFactor,
                           GroupCoordinatorConfig coordinator, long loadRetryBackoffMs) {
        public Settings {
            check(offsetsTopicPartitions > 0, "offsets.topic.num.partitions must be > 0: %s", offsetsTopicPartitions);
            check(offsetsTopicReplicationFactor > 0, "offsets.topic.replication.factor must be > 0: %s",
                    offsetsTopicReplicationFactor);
            check(loadRetryBackoffMs > 0, "loadRetryBackoffMs must be > 0: %s", loadRetryBackoffMs);
        }

        public static Settings from(RafkaConfig config) {
            return new Settings(config.nodeId(), config.offsetsTopicNumPartitions(),
                    config.offsetsTopicReplicationFactor(),
                    new GroupCoordinatorConfig(config.groupMinSessionTimeoutMs(), config.groupMaxSessionTimeoutMs(),
                            config.groupInitialRebalanceDelayMs(), GroupCoordinatorConfig.DEFAULTS.maxGroupSize(),
                            GroupCoordinatorConfig.DEFAULTS.maxOffsetMetadataBytes()),
                    1_000);
        }
    }

    /** A partition of the offsets topic led here: loading while {@code core} is null. */
    private static final class OwnedPartition {
        final int partition;
        final int leaderEpoch;
        GroupCoordinator core;
        ScheduledFuture<?> tick;
        long tickAtMs = Long.MAX_VALUE;

        OwnedPartition(int partition, int leaderEpoch) {
            this.partition = partition;
            this.leaderEpoch = leaderEpoch;
        }
    }

    private final Settings settings;
    private final OffsetsTopicAppender appender;
    private final OffsetsTopicReader reader;
    private final ControllerClient controller;
    private final Supplier<MetadataImage> images;
    private final Time time;
    private final Random random;
    private final ScheduledExecutorService coordinatorThread;
    private final ExecutorService loaderThread;
    private final AtomicBoolean creatingOffsetsTopic = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    /** Partition -> state; confined to the coordinator thread. */
    private final Map<Integer, OwnedPartition> owned = new HashMap<>();

    /**
     * @param images the node's latest metadata image (FindCoordinator reads leaders and endpoints from it)
     * @param random member-id suffixes; seeded in tests
     */
    public GroupCoordinatorShell(Settings settings, OffsetsTopicAppender appender, OffsetsTopicReader reader,
                                 ControllerClient controller, Supplier<MetadataImage> images, Time time,
                                 Random random) {
        this.settings = settings;
        this.appender = appender;
        this.reader = reader;
        this.controller = controller;
        this.images = images;
        this.time = time;
        this.random = random;
        this.coordinatorThread = Executors.newSingleThreadScheduledExecutor(daemon("rafka-group-coordinator"));
        this.loaderThread = Executors.newSingleThreadExecutor(daemon("rafka-group-loader"));
    }

    public void start() {
        started.set(true);
    }

    @Override
    public void close() {
        started.set(false);
        coordinatorThread.shutdownNow();
        loaderThread.shutdownNow();
        try {
            coordinatorThread.awaitTermination(5, TimeUnit.SECONDS);
            loaderThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Settings settings() {
        return settings;
    }

    /** The metadata image FindCoordinator answers from. */
    public MetadataImage image() {
        return images.get();
    }

    /** The coordinator's clock: what handlers pass to the cores as {@code nowMs}. */
    public long nowMs() {
        return time.milliseconds();
    }

    /** Kafka's mapping of a group to its offsets partition. */
    public int partitionFor(String groupId) {
        return Utils.abs(groupId.hashCode()) % settings.offsetsTopicPartitions();
    }

    // ---------------------------------------------------------------- leadership

    /** Call with every new metadata image (from the metadata listener); returns at once. */
    public void onLeadershipChange(MetadataImage image) {
        Map<Integer, Integer> led = ledPartitions(image);
        submit(() -> applyLeadership(led));
    }

    private Map<Integer, Integer> ledPartitions(MetadataImage image) {
        Map<Integer, Integer> led = new HashMap<>();
        TopicImage topic = image.topicsByName().get(OFFSETS_TOPIC);
        if (topic != null) {
            topic.partitions().forEach((partition, registration) -> {
                if (registration.leader() == settings.nodeId()) {
                    led.put(partition, registration.leaderEpoch());
                }
            });
        }
        return led;
    }

    private void applyLeadership(Map<Integer, Integer> led) {
        for (Iterator<OwnedPartition> it = owned.values().iterator(); it.hasNext(); ) {
            OwnedPartition owner = it.next();
            Integer epoch = led.get(owner.partition);
            if (epoch == null || epoch != owner.leaderEpoch) {
                cancelTick(owner);
                it.remove();
                LOG.info("Resigned as group coordinator of {}-{} (leader epoch {})", OFFSETS_TOPIC, owner.partition,
                        owner.leaderEpoch);
            }
        }
        led.forEach((partition, epoch) -> {
            if (!owned.containsKey(partition)) {
                OwnedPartition owner = new OwnedPartition(partition, epoch);
                owned.put(partition, owner);
                startLoad(owner);
            }
        });
    }

    private void startLoad(OwnedPartition owner) {
        try {
            loaderThread.execute(() -> {
                long startMs = time.milliseconds();
                List<GroupRecord> records;
                try {
                    records = OffsetsPartitionLoader.load(reader, owner.partition);
                } catch (Exception e) {
                    LOG.warn("Loading {}-{} failed, retrying in {} ms: {}", OFFSETS_TOPIC, owner.partition,
                            settings.loadRetryBackoffMs(), e.toString());
                    schedule(() -> {
                        if (owned.get(owner.partition) == owner) {
                            startLoad(owner);
                        }
                    }, settings.loadRetryBackoffMs());
                    return;
                }
                submit(() -> finishLoad(owner, records, startMs));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Not loading {}-{}: closing", OFFSETS_TOPIC, owner.partition);
        }
    }

    private void finishLoad(OwnedPartition owner, List<GroupRecord> records, long startMs) {
        if (owned.get(owner.partition) != owner) {
            return; // resigned while loading
        }
        PartitionRecordSink sink = new PartitionRecordSink(owner.partition, appender, coordinatorThread, time,
                () -> owned.get(owner.partition) == owner, () -> maybeScheduleTick(owner));
        GroupCoordinator core = new GroupCoordinator(settings.coordinator(), sink,
                () -> new UUID(random.nextLong(), random.nextLong()).toString());
        long nowMs = time.milliseconds();
        for (GroupRecord record : records) {
            core.replay(record, nowMs);
        }
        owner.core = core;
        maybeScheduleTick(owner);
        LOG.info("Became group coordinator of {}-{} (leader epoch {}): {} records loaded in {} ms", OFFSETS_TOPIC,
                owner.partition, owner.leaderEpoch, records.size(), nowMs - startMs);
    }

    // ---------------------------------------------------------------- requests

    /**
     * Runs {@code action} on the coordinator thread with the core that owns {@code groupId}; the action answers
     * through the consumer it is given (at once, or later from a sink callback). When no core here owns the
     * group, the future completes with {@code routingError} of NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS or
     * (closed) COORDINATOR_NOT_AVAILABLE.
     */
    public <T> CompletableFuture<T> runForGroup(String groupId, Function<Errors, T> routingError,
                                                BiConsumer<GroupCoordinator, Consumer<T>> action) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        int partition = partitionFor(groupId);
        boolean submitted = submit(() -> {
            OwnedPartition owner = owned.get(partition);
            if (owner == null) {
                answer.complete(routingError.apply(Errors.NOT_COORDINATOR));
            } else if (owner.core == null) {
                answer.complete(routingError.apply(Errors.COORDINATOR_LOAD_IN_PROGRESS));
            } else {
                try {
                    action.accept(owner.core, answer::complete);
                } catch (RuntimeException e) {
                    LOG.error("Group coordinator failed on a request for group {}", groupId, e);
                    answer.completeExceptionally(e);
                }
                maybeScheduleTick(owner);
            }
        });
        if (!submitted) {
            answer.complete(routingError.apply(Errors.COORDINATOR_NOT_AVAILABLE));
        }
        return answer;
    }

    /**
     * Runs {@code action} on the coordinator thread with every loaded core, and whether some partition led here
     * is still loading (ListGroups answers COORDINATOR_LOAD_IN_PROGRESS then, as Kafka does).
     */
    public <T> CompletableFuture<T> runOnAllCores(BiFunction<List<GroupCoordinator>, Boolean, T> action,
                                                  Function<Errors, T> closedError) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        boolean submitted = submit(() -> {
            List<GroupCoordinator> cores = new ArrayList<>();
            boolean loading = false;
            for (OwnedPartition owner : owned.values()) {
                if (owner.core == null) {
                    loading = true;
                } else {
                    cores.add(owner.core);
                }
            }
            answer.complete(action.apply(cores, loading));
        });
        if (!submitted) {
            answer.complete(closedError.apply(Errors.COORDINATOR_NOT_AVAILABLE));
        }
        return answer;
    }

    /**
     * Asks the controller to create {@code __consumer_offsets} if this node's image does not have it and no
     * creation from here is in flight. Returns at once; the coordinators come up as leadership arrives.
     */
    public void maybeCreateOffsetsTopic() {
        if (images.get().topicsByName().containsKey(OFFSETS_TOPIC)
                || !creatingOffsetsTopic.compareAndSet(false, true)) {
            return;
        }
        CreateTopics.Topic topic = new CreateTopics.Topic(OFFSETS_TOPIC, settings.offsetsTopicPartitions(),
                settings.offsetsTopicReplicationFactor(), Map.of(), Map.of("cleanup.policy", "compact"));
        controller.createTopics(new CreateTopics.Request(List.of(topic), false)).whenComplete((response, failure) -> {
            creatingOffsetsTopic.set(false);
            if (failure != null) {
                LOG.warn("Creating {} failed: {}", OFFSETS_TOPIC, failure.toString());
            } else if (!response.results().get(0).error().isSuccess()) {
                LOG.warn("Creating {} failed: {}", OFFSETS_TOPIC, response.results().get(0).error());
            } else {
                LOG.info("Created {} with {} partitions, replication factor {}", OFFSETS_TOPIC,
                        settings.offsetsTopicPartitions(), settings.offsetsTopicReplicationFactor());
            }
        });
    }

    /** The leader of a group's offsets partition in the current image, or -1 (no topic, no leader). */
    public int coordinatorIdFor(String groupId) {
        TopicImage topic = images.get().topicsByName().get(OFFSETS_TOPIC);
        PartitionRegistration registration = topic == null ? null : topic.partition(partitionFor(groupId));
        return registration == null ? PartitionRegistration.NO_LEADER : registration.leader();
    }

    // ---------------------------------------------------------------- ticks

    private void maybeScheduleTick(OwnedPartition owner) {
        if (owner.core == null || owned.get(owner.partition) != owner) {
            return;
        }
        long nextMs = owner.core.nextDeadlineMs();
        if (nextMs == Long.MAX_VALUE || (owner.tick != null && owner.tickAtMs <= nextMs)) {
            return; // nothing to do, or a tick early enough is already scheduled
        }
        cancelTick(owner);
        owner.tickAtMs = nextMs;
        owner.tick = schedule(() -> tick(owner), Math.max(0, nextMs - time.milliseconds()));
    }

    private void tick(OwnedPartition owner) {
        owner.tick = null;
        owner.tickAtMs = Long.MAX_VALUE;
        if (owned.get(owner.partition) != owner || owner.core == null) {
            return;
        }
        owner.core.tick(time.milliseconds());
        maybeScheduleTick(owner);
    }

    private static void cancelTick(OwnedPartition owner) {
        if (owner.tick != null) {
            owner.tick.cancel(false);
            owner.tick = null;
            owner.tickAtMs = Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- threads

    private boolean submit(Runnable task) {
        if (!started.get()) {
            return false;
        }
        try {
            coordinatorThread.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return coordinatorThread.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** An exception escaping a task is a bug; log it loudly rather than let the executor swallow it. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("Group coordinator task failed", e);
                throw e;
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
