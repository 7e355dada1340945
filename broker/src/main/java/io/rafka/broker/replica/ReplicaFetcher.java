package io.rafka.broker.replica;

import io.rafka.broker.partition.Partition;
import io.rafka.common.Time;
import io.rafka.log.LogException;
import io.rafka.log.TopicPartition;
import io.rafka.replication.EpochEndOffset;
import io.rafka.replication.TruncationStep;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica fetcher thread: copies the partitions this broker follows from one leader, many
 * partitions per Fetch request, as a replica (replica id and broker epoch in the request, so the
 * leader counts the fetch toward the ISR and the high watermark).
 *
 * <p>Per partition, each round: fetch from the log end, carrying the epoch of the last record held
 * (KIP-320). The leader answers with records (appended, then its high watermark and log start are
 * adopted), with a diverging epoch (the log is truncated exactly where the two lineages part, via
 * the replication core's {@code TruncationPlanner}; the next fetch checks again), with
 * OFFSET_OUT_OF_RANGE below its log start (restart empty there), or with an error that only newer
 * metadata can fix (the partition waits {@code replica.fetch.backoff.ms}).
 *
 * <p>Threads: the assignment is guarded by this object's monitor (the metadata thread changes it);
 * fetching and appending happen on the fetcher thread only, so a partition's log end does not move
 * between building a request and applying its answer. A partition reassigned while a fetch was in
 * flight is protected by {@link Partition}'s epoch check: an answer for an old epoch is dropped.
 */
final class ReplicaFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFetcher.class);

    /** One followed partition: for which leader epoch, and until when it rests after an error. */
    private record Assignment(Partition partition, Uuid topicId, int leaderEpoch, long delayedUntilMs) {
        Assignment delayed(long untilMs) {
            return new Assignment(partition, topicId, leaderEpoch, untilMs);
        }
    }

    /** What one request asked for a partition: the answer is interpreted against it. */
    private record Sent(Assignment assignment, long fetchOffset, int lastFetchedEpoch, boolean throttled) {}

    /** How long a throttled partition sits out when the throttle's bucket is empty. */
    private static final long THROTTLED_PAUSE_MS = 100;

    private final int leaderId;
    private final FetcherSettings settings;
    private final LongSupplier brokerEpoch;
    private final IntFunction<Optional<InetSocketAddress>> brokerAddress;
    private final java.util.function.BooleanSupplier paused;
    private final ReplicationThrottle throttle;
    private final Time time;
    private final Thread thread;
    /** Guarded by {@code this}. */
    private final Map<TopicPartition, Assignment> assigned = new LinkedHashMap<>();
    private volatile boolean running = true;
    /** Written by the fetcher thread only; volatile so that {@link #close} can break a blocked read. */
    private volatile BrokerChannel channel;
    private boolean connectionFailureLogged;

    ReplicaFetcher(int leaderId, int fetcherIndex, FetcherSettings settings, LongSupplier brokerEpoch,
                   IntFunction<Optional<InetSocketAddress>> brokerAddress, java.util.function.BooleanSupplier paused,
                   ReplicationThrottle throttle, Time time) {
        this.paused = paused;
        this.throttle = throttle;
        this.leaderId = leaderId;
        this.settings = settings;
        this.brokerEpoch = brokerEpoch;
        this.brokerAddress = brokerAddress;
        this.time = time;
        this.thread = new Thread(this::run, "rafka-replica-fetcher-" + settings.localBrokerId() + "-from-" + leaderId
            + "-" + fetcherIndex);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    synchronized void assign(Partition partition, int leaderEpoch) {
        java.util.UUID id = partition.topicId();
        Uuid topicId = new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
        assigned.put(partition.topicPartition(), new Assignment(partition, topicId, leaderEpoch, 0));
        notifyAll();
    }

    /** @return whether this fetcher has nothing left to fetch */
    synchronized boolean unassign(TopicPartition tp) {
        assigned.remove(tp);
        return assigned.isEmpty();
    }

    synchronized void wakeUp() {
        notifyAll();
    }

    synchronized int assignedCount() {
        return assigned.size();
    }

    // ---------------------------------------------------------------- the loop

    private void run() {
        while (running) {
            List<Assignment> ready;
            try {
                ready = awaitReadyPartitions();
            } catch (InterruptedException e) {
                break;
            }
            if (ready.isEmpty()) {
                continue;
            }
            try {
                fetchOnce(ready);
            } catch (IOException e) {
                closeChannel();
                if (!connectionFailureLogged) {
                    log.warn("Replica fetcher of broker {}: cannot fetch from broker {}: {} (retrying every {} ms)",
                        settings.localBrokerId(), leaderId, e.toString(), settings.backoffMs());
                    connectionFailureLogged = true;
                }
                delay(ready);
            } catch (RuntimeException e) {
                if (running) {
                    log.error("Replica fetcher of broker {} from broker {} failed; retrying", settings.localBrokerId(),
                        leaderId, e);
                }
                delay(ready);
            }
        }
        closeChannel();
    }

    /** The partitions not resting, waiting (on the monitor) while there are none. */
    private synchronized List<Assignment> awaitReadyPartitions() throws InterruptedException {
        while (running) {
            if (paused.getAsBoolean()) {
                wait(settings.backoffMs() + 1);
                continue;
            }
            long nowMs = time.milliseconds();
            long nextReadyMs = Long.MAX_VALUE;
            List<Assignment> ready = new ArrayList<>();
            for (Assignment assignment : assigned.values()) {
                if (assignment.delayedUntilMs() <= nowMs) {
                    ready.add(assignment);
                } else {
                    nextReadyMs = Math.min(nextReadyMs, assignment.delayedUntilMs());
                }
            }
            if (!ready.isEmpty()) {
                return ready;
            }
            wait(nextReadyMs == Long.MAX_VALUE ? 0 : Math.max(1, nextReadyMs - nowMs));
        }
        return List.of();
    }

    private void fetchOnce(List<Assignment> ready) throws IOException {
        InetSocketAddress address = brokerAddress.apply(leaderId).orElseThrow(() ->
            new IOException("broker " + leaderId + " has no registered endpoint"));
        List<Sent> sent = new ArrayList<>();
        FetchRequestData request = buildRequest(ready, sent);
        if (sent.isEmpty()) {
            return;
        }
        if (channel == null) {
            channel = BrokerChannel.connect(address, "rafka-replica-fetcher-" + settings.localBrokerId(),
                settings.socketTimeoutMs() + settings.maxWaitMs());
        }
        AbstractResponse response = channel.send(ApiKeys.FETCH, ApiKeys.FETCH.latestVersion(), request);
        connectionFailureLogged = false;
        if (paused.getAsBoolean()) {
            // Paused while the fetch was in flight: nothing is appended from the moment of pausing.
            return;
        }
        FetchResponseData data = ((FetchResponse) response).data();
        if (data.errorCode() != Errors.NONE.code()) {
            log.warn("Fetch from broker {} failed: {}", leaderId, Errors.forCode(data.errorCode()));
            delay(ready);
            return;
        }
        Map<Uuid, Map<Integer, FetchResponseData.PartitionData>> answers = new HashMap<>();
        for (FetchResponseData.FetchableTopicResponse topic : data.responses()) {
            Map<Integer, FetchResponseData.PartitionData> byPartition = answers.computeIfAbsent(topic.topicId(),
                id -> new HashMap<>());
            topic.partitions().forEach(p -> byPartition.put(p.partitionIndex(), p));
        }
        for (Sent one : sent) {
            FetchResponseData.PartitionData answer = answers.getOrDefault(one.assignment().topicId(), Map.of())
                .get(one.assignment().partition().topicPartition().partition());
            if (answer != null) {
                apply(one, answer);
            }
        }
    }

    private FetchRequestData buildRequest(List<Assignment> ready, List<Sent> sent) {
        Map<Uuid, FetchRequestData.FetchTopic> topics = new LinkedHashMap<>();
        boolean throttleExhausted = throttle.isExhausted();
        List<Assignment> sittingOut = new ArrayList<>();
        for (Assignment assignment : ready) {
            Partition partition = assignment.partition();
            boolean throttled = throttle.isThrottled(partition.topicPartition());
            if (throttled && throttleExhausted) {
                sittingOut.add(assignment);
                continue;
            }
            long fetchOffset;
            int lastFetchedEpoch;
            long logStartOffset;
            try {
                fetchOffset = partition.log().logEndOffset();
                lastFetchedEpoch = partition.log().latestEpoch();
                logStartOffset = partition.log().logStartOffset();
            } catch (LogException e) {
                delay(List.of(assignment));
                continue;
            }
            sent.add(new Sent(assignment, fetchOffset, lastFetchedEpoch, throttled));
            topics.computeIfAbsent(assignment.topicId(), id -> new FetchRequestData.FetchTopic().setTopicId(id))
                .partitions().add(new FetchRequestData.FetchPartition()
                    .setPartition(partition.topicPartition().partition())
                    .setCurrentLeaderEpoch(assignment.leaderEpoch())
                    .setFetchOffset(fetchOffset)
                    .setLastFetchedEpoch(lastFetchedEpoch)
                    .setLogStartOffset(logStartOffset)
                    .setPartitionMaxBytes(settings.partitionMaxBytes()));
        }
        delay(sittingOut, time.milliseconds() + THROTTLED_PAUSE_MS);
        return new FetchRequestData()
            .setReplicaState(new FetchRequestData.ReplicaState()
                .setReplicaId(settings.localBrokerId())
                .setReplicaEpoch(brokerEpoch.getAsLong()))
            .setMaxWaitMs(settings.maxWaitMs())
            .setMinBytes(settings.minBytes())
            .setMaxBytes(settings.responseMaxBytes())
            .setIsolationLevel((byte) 0)
            // Sessionless: every request is a full one (the leader caches no fetch session).
            .setSessionId(FetchMetadata.INVALID_SESSION_ID)
            .setSessionEpoch(FetchMetadata.FINAL_EPOCH)
            .setTopics(new ArrayList<>(topics.values()));
    }

    // ---------------------------------------------------------------- answers

    private void apply(Sent sent, FetchResponseData.PartitionData answer) {
        Assignment assignment = sent.assignment();
        Partition partition = assignment.partition();
        Errors error = Errors.forCode(answer.errorCode());
        try {
            if (error == Errors.NONE) {
                FetchResponseData.EpochEndOffset diverging = answer.divergingEpoch();
                if (diverging.epoch() >= 0 && diverging.endOffset() >= 0) {
                    truncateOnDivergence(sent, new EpochEndOffset(diverging.epoch(), diverging.endOffset()));
                } else {
                    ByteBuffer records = recordsOf(answer.records());
                    int sizeBytes = records.remaining();
                    partition.appendAsFollower(assignment.leaderEpoch(), records, answer.highWatermark(),
                        answer.logStartOffset());
                    if (sent.throttled()) {
                        throttle.record(sizeBytes);
                    }
                }
            } else if (error == Errors.OFFSET_OUT_OF_RANGE && sent.fetchOffset() < answer.logStartOffset()) {
                long dropped = partition.restartAsFollowerAt(assignment.leaderEpoch(), answer.logStartOffset());
                if (dropped >= 0) {
                    log.warn("{}: the leader's log starts at {}, past this replica's end {}: restarted empty there "
                        + "({} offsets dropped)", partition.topicPartition(), answer.logStartOffset(), sent.fetchOffset(),
                        dropped);
                }
            } else {
                log.debug("{}: fetch from broker {} answered {}; waiting {} ms", partition.topicPartition(), leaderId,
                    error, settings.backoffMs());
                delay(List.of(assignment));
            }
        } catch (LogException e) {
            log.warn("{}: cannot apply the fetch from broker {} at offset {}: {}", partition.topicPartition(), leaderId,
                sent.fetchOffset(), e.toString());
            delay(List.of(assignment));
        }
    }

    private void truncateOnDivergence(Sent sent, EpochEndOffset leaderEnd) {
        Assignment assignment = sent.assignment();
        Partition partition = assignment.partition();
        TruncationStep step = partition.nextTruncationStep(sent.lastFetchedEpoch(), leaderEnd);
        if (step instanceof TruncationStep.Truncate cut) {
            long dropped = partition.truncateAsFollower(assignment.leaderEpoch(), cut.offset());
            if (dropped > 0) {
                log.warn("{}: diverged from leader {} (epoch {}): truncated to offset {}, {} records dropped",
                    partition.topicPartition(), leaderId, assignment.leaderEpoch(), cut.offset(), dropped);
            } else if (dropped == 0) {
                log.info("{}: leader {} (epoch {}) ends epoch {} at {}; log kept up to {}", partition.topicPartition(),
                    leaderId, assignment.leaderEpoch(), leaderEnd.epoch(), leaderEnd.endOffset(), cut.offset());
            }
        } else {
            log.warn("{}: leader {} knows no epoch at or below {} ({}): keeping the log, waiting for newer metadata",
                partition.topicPartition(), leaderId, sent.lastFetchedEpoch(), step);
            delay(List.of(assignment));
        }
    }

    private static ByteBuffer recordsOf(BaseRecords records) {
        if (records instanceof MemoryRecords memory) {
            return memory.buffer();
        }
        return ByteBuffer.allocate(0);
    }

    private void delay(List<Assignment> partitions) {
        delay(partitions, time.milliseconds() + settings.backoffMs());
    }

    private void delay(List<Assignment> partitions, long untilMs) {
        if (partitions.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (Assignment assignment : partitions) {
                TopicPartition tp = assignment.partition().topicPartition();
                // Only the assignment that failed rests: a newer one (new epoch) starts at once.
                if (assigned.get(tp) == assignment) {
                    assigned.put(tp, assignment.delayed(untilMs));
                }
            }
        }
    }

    private void closeChannel() {
        BrokerChannel current = channel;
        if (current != null) {
            current.close();
            channel = null;
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        // Never interrupt: an interrupt during a log write closes the segment's FileChannel. Closing
        // the socket ends a blocked read instead.
        BrokerChannel current = channel;
        if (current != null) {
            current.close();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
