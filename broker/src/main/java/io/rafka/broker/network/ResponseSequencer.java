package io.rafka.broker.network;

import io.rafka.common.Checks;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts one connection's responses back into request order. Each request takes the next sequence
 * number when it is dispatched; responses may complete in any order; {@link #pollReady()} releases
 * them strictly in sequence, stopping at the first one still pending.
 *
 * <p>Invariants: {@code nextToRelease <= nextSequence}; every key of {@code completed} lies in
 * {@code [nextToRelease, nextSequence)}; a sequence number completes at most once.
 *
 * <p>No I/O, no clock. Not thread-safe: owned by the connection's event-loop thread.
 *
 * @param <T> what is released per request (a frame to write, a marker to skip or close)
 */
final class ResponseSequencer<T> {

    private long nextSequence;
    private long nextToRelease;
    private final Map<Long, T> completed = new HashMap<>();

    /** Reserves the next place in the response order. */
    long append() {
        return nextSequence++;
    }

    void complete(long sequence, T outcome) {
        Checks.check(sequence >= nextToRelease && sequence < nextSequence,
            "sequence %s outside pending range [%s, %s)", sequence, nextToRelease, nextSequence);
        Checks.check(outcome != null, "null outcome for sequence %s", sequence);
        T previous = completed.putIfAbsent(sequence, outcome);
        Checks.check(previous == null, "sequence %s completed twice", sequence);
    }

    /** The next outcome in request order, or null when the oldest pending request is not complete yet. */
    T pollReady() {
        T outcome = completed.remove(nextToRelease);
        if (outcome != null) {
            nextToRelease++;
        }
        return outcome;
    }

    /** Requests appended but not yet released: the connection's in-flight count. */
    int inFlight() {
        return Math.toIntExact(nextSequence - nextToRelease);
    }
}
