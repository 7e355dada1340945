package io.rafka.broker.replica;

import io.rafka.common.Time;
import io.rafka.log.TopicPartition;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.image.MetadataImage;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The follower side of Kafka's replication throttle, read from the same configs Kafka's
 * {@code kafka-reassign-partitions --throttle} (and {@code rafka partitions reassign --throttle})
 * sets: the broker's {@code follower.replication.throttled.rate} (bytes/s; this broker's dynamic
 * config, else the cluster-wide default) caps what this broker copies for the replicas a topic
 * lists in {@code follower.replication.throttled.replicas} ({@code partition:broker} pairs, or
 * {@code *}). Other replication traffic is never slowed: a reassignment must not starve the ISR.
 *
 * <p>Rate control is a token bucket holding at most one second of the rate: fetched bytes are
 * charged after the fact (a fetch may overdraw by one response), and throttled partitions are left
 * out of fetch requests while the bucket is empty.
 *
 * <p>Thread-safe: the bucket is guarded by this object's monitor.
 */
final class ReplicationThrottle {

    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final Time time;
    private double tokensBytes;
    private long lastRefillMs = -1;

    ReplicationThrottle(int localBrokerId, Supplier<MetadataImage> image, Time time) {
        this.localBrokerId = localBrokerId;
        this.image = image;
        this.time = time;
    }

    /** The configured rate in bytes/s, or -1 when none is set. */
    long rateBytesPerSecond() {
        MetadataImage current = image.get();
        String own = current.configs(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(localBrokerId)))
            .get(FOLLOWER_RATE);
        String value = own != null ? own : current.configs(ConfigResource.CLUSTER_DEFAULT).get(FOLLOWER_RATE);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the controller validated it; an unreadable value throttles nothing
        }
    }

    /** Whether this broker's replica of {@code tp} is throttled (and a rate is set). */
    boolean isThrottled(TopicPartition tp) {
        if (rateBytesPerSecond() < 0) {
            return false;
        }
        Map<String, String> topicConfigs = image.get().configs(ConfigResource.topic(tp.topic()));
        String replicas = topicConfigs.get(FOLLOWER_REPLICAS);
        if (replicas == null || replicas.isBlank()) {
            return false;
        }
        if (replicas.trim().equals("*")) {
            return true;
        }
        String own = tp.partition() + ":" + localBrokerId;
        for (String pair : replicas.split(",")) {
            if (pair.trim().equals(own)) {
                return true;
            }
        }
        return false;
    }

    /** Whether throttled partitions must sit out the next fetch. */
    synchronized boolean isExhausted() {
        long rate = rateBytesPerSecond();
        if (rate < 0) {
            return false;
        }
        refill(rate);
        return tokensBytes <= 0;
    }

    /** Charges {@code bytes} copied for throttled replicas. */
    synchronized void record(long bytes) {
        long rate = rateBytesPerSecond();
        if (rate < 0) {
            return;
        }
        refill(rate);
        tokensBytes -= bytes;
    }

    private void refill(long rate) {
        long nowMs = time.milliseconds();
        if (lastRefillMs < 0) {
            tokensBytes = rate;
        } else {
            tokensBytes = Math.min(rate, tokensBytes + rate * (nowMs - lastRefillMs) / 1000.0);
        }
        lastRefillMs = nowMs;
    }
}
