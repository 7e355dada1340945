package io.rafka.replication;

import io.rafka.common.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * acks=all produce requests of one partition waiting for the high watermark to pass their batch.
 * Each waits for its batch's last offset; it completes when the high watermark moves past it,
 * times out at its deadline ({@code request.timeout.ms} after arrival), or fails when the partition
 * loses leadership. Pure: the caller feeds high-watermark moves and {@code nowMs}, and answers the
 * completions it gets back.
 *
 * <p>Bounded: at most {@code maxPending} waiters; {@link #tryAdd} refuses more, so a stalled ISR
 * cannot grow memory without limit.
 *
 * <p>Invariant: every waiter is in both indexes (by offset, by deadline) or in neither.
 *
 * <p>Not thread-safe: owned by the partition's owner thread.
 *
 * @param <T> the caller's handle for a waiting request (a callback, a request id)
 */
public final class AcksAllPurgatory<T> {

    /** The answer for one waiting request: {@link ReplicationError#NONE} means acknowledged. */
    public record Completion<T>(T request, long lastOffset, ReplicationError error) {}

    private record Waiter<T>(long sequence, long lastOffset, long deadlineMs, T request) {}

    private final int maxPending;
    private final TreeSet<Waiter<T>> byLastOffset =
            new TreeSet<>(Comparator.<Waiter<T>>comparingLong(Waiter::lastOffset).thenComparingLong(Waiter::sequence));
    private final TreeSet<Waiter<T>> byDeadline =
            new TreeSet<>(Comparator.<Waiter<T>>comparingLong(Waiter::deadlineMs).thenComparingLong(Waiter::sequence));
    private long nextSequence;

    public AcksAllPurgatory(int maxPending) {
        Checks.check(maxPending > 0, "maxPending %s must be positive", maxPending);
        this.maxPending = maxPending;
    }

    /**
     * The acks=all rule, shared with {@link LeaderPartitionState#acksAllOutcome}: undecided while the
     * high watermark is at or below {@code lastOffset}; then acknowledged, or
     * NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR the watermark was computed over is below minimum.
     */
    public static Optional<ReplicationError> outcome(long lastOffset, long highWatermark, int maximalIsrSize,
                                                     int minInsyncReplicas) {
        if (highWatermark <= lastOffset) {
            return Optional.empty();
        }
        return Optional.of(maximalIsrSize < minInsyncReplicas
                ? ReplicationError.NOT_ENOUGH_REPLICAS_AFTER_APPEND
                : ReplicationError.NONE);
    }

    /**
     * Parks a request whose batch ends at {@code lastOffset}. The caller has already checked that the
     * high watermark has not passed it. Returns false, parking nothing, when full.
     */
    public boolean tryAdd(T request, long lastOffset, long deadlineMs) {
        Checks.check(lastOffset >= 0, "lastOffset %s < 0", lastOffset);
        if (byLastOffset.size() >= maxPending) {
            return false;
        }
        Waiter<T> waiter = new Waiter<>(nextSequence++, lastOffset, deadlineMs, request);
        byLastOffset.add(waiter);
        byDeadline.add(waiter);
        return true;
    }

    /** Completes, oldest offset first, every request the high watermark {@code highWatermark} has passed. */
    public List<Completion<T>> onHighWatermark(long highWatermark, int maximalIsrSize, int minInsyncReplicas) {
        List<Completion<T>> done = new ArrayList<>();
        while (!byLastOffset.isEmpty()) {
            Waiter<T> first = byLastOffset.first();
            Optional<ReplicationError> verdict = outcome(first.lastOffset(), highWatermark, maximalIsrSize, minInsyncReplicas);
            if (verdict.isEmpty()) {
                break;
            }
            remove(first);
            done.add(new Completion<>(first.request(), first.lastOffset(), verdict.get()));
        }
        return done;
    }

    /** Times out, earliest deadline first, every request whose deadline is at or before {@code nowMs}. */
    public List<Completion<T>> expire(long nowMs) {
        List<Completion<T>> done = new ArrayList<>();
        while (!byDeadline.isEmpty() && byDeadline.first().deadlineMs() <= nowMs) {
            Waiter<T> first = byDeadline.first();
            remove(first);
            done.add(new Completion<>(first.request(), first.lastOffset(), ReplicationError.REQUEST_TIMED_OUT));
        }
        return done;
    }

    /**
     * Fails every waiter with {@code error} (NOT_LEADER_OR_FOLLOWER when leadership moves): the
     * outcome of their batches is now up to the next leader, so the client must retry.
     */
    public List<Completion<T>> failAll(ReplicationError error) {
        Checks.check(error != ReplicationError.NONE, "failAll with NONE");
        List<Completion<T>> done = new ArrayList<>(byLastOffset.size());
        for (Waiter<T> waiter : byLastOffset) {
            done.add(new Completion<>(waiter.request(), waiter.lastOffset(), error));
        }
        byLastOffset.clear();
        byDeadline.clear();
        return done;
    }

    public int size() {
        return byLastOffset.size();
    }

    private void remove(Waiter<T> waiter) {
        boolean inBoth = byLastOffset.remove(waiter) & byDeadline.remove(waiter);
        Checks.check(inBoth, "waiter %s was not in both indexes", waiter);
    }
}
