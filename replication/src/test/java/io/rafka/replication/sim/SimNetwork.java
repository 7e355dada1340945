package io.rafka.replication.sim;

import io.rafka.common.Checks;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The simulated network and timer wheel in one queue of envelopes ordered by delivery time. Each
 * link (from, to) is FIFO, like a TCP connection. Replica traffic ({@link SimMessage#droppable()})
 * is dropped at random and whenever either end is isolated; controller traffic is only delayed
 * (NB: the simulation does not partition nodes from the controller, which would need session
 * timeouts to be modelled).
 *
 * <p>Envelopes are addressed to an incarnation of the destination: a node that crashed and came back
 * never receives what was sent to its previous life (its connections were reset).
 *
 * <p>Not thread-safe: the simulation is single-threaded.
 */
final class SimNetwork {

    record Envelope(long deliverAtMs, long sequence, int from, int to, int toIncarnation, SimMessage message) {}

    private final Random random;
    private final long minDelayMs;
    private final long maxDelayMs;
    private final double dropProbability;
    private final PriorityQueue<Envelope> queue = new PriorityQueue<>(
            Comparator.comparingLong(Envelope::deliverAtMs).thenComparingLong(Envelope::sequence));
    private final Map<Long, Long> lastDeliveryMsByLink = new HashMap<>();
    private final Map<Integer, Long> isolatedUntilMs = new HashMap<>();
    private long nextSequence;
    private long droppedCount;

    SimNetwork(Random random, long minDelayMs, long maxDelayMs, double dropProbability) {
        Checks.check(0 <= minDelayMs && minDelayMs <= maxDelayMs, "delays [%s, %s]", minDelayMs, maxDelayMs);
        this.random = random;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.dropProbability = dropProbability;
    }

    void send(int from, int to, int toIncarnation, SimMessage message, long nowMs) {
        if (message.droppable() && (isIsolated(from, nowMs) || isIsolated(to, nowMs) || random.nextDouble() < dropProbability)) {
            droppedCount++;
            return;
        }
        long link = ((long) from << 32) | (to & 0xffffffffL);
        long delayMs = minDelayMs + (long) (random.nextDouble() * (maxDelayMs - minDelayMs + 1));
        long deliverAtMs = Math.max(nowMs + delayMs, lastDeliveryMsByLink.getOrDefault(link, 0L));
        lastDeliveryMsByLink.put(link, deliverAtMs);
        queue.add(new Envelope(deliverAtMs, nextSequence++, from, to, toIncarnation, message));
    }

    void scheduleTimer(int node, int incarnation, long atMs) {
        queue.add(new Envelope(atMs, nextSequence++, node, node, incarnation, new SimMessage.Tick()));
    }

    /** The next envelope, or null; one whose link was cut while in flight is dropped on arrival. */
    Envelope poll() {
        Envelope next = queue.poll();
        if (next != null && next.message().droppable()
                && (isIsolated(next.from(), next.deliverAtMs()) || isIsolated(next.to(), next.deliverAtMs()))) {
            droppedCount++;
            return null;
        }
        return next;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void isolate(int node, long untilMs) {
        isolatedUntilMs.merge(node, untilMs, Math::max);
    }

    void healAll() {
        isolatedUntilMs.clear();
    }

    boolean isIsolated(int node, long nowMs) {
        return isolatedUntilMs.getOrDefault(node, Long.MIN_VALUE) > nowMs;
    }

    long droppedCount() {
        return droppedCount;
    }
}
