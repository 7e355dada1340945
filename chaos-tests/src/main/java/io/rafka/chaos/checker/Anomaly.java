package io.rafka.chaos.checker;

/**
 * One thing the cluster must never do, as found in a history.
 *
 * @param kind      which rule was broken
 * @param topic     where
 * @param partition where, -1 if not tied to one partition
 * @param offset    the offset concerned, -1 if none
 * @param detail    the evidence: values, offsets, processes
 */
public record Anomaly(Kind kind, String topic, int partition, long offset, String detail) {

    /** The anomalies of Jepsen's Kafka and Redpanda analyses that apply without transactions. */
    public enum Kind {
        /** An acknowledged send that the final reads skipped although they read later offsets of its partition. */
        LOST_WRITE,
        /** An acknowledged send that the final reads never reached (they stopped before its offset). */
        UNSEEN,
        /** One value at two different offsets (acknowledged or read). */
        DUPLICATE,
        /** Two different values at one partition offset (acknowledged or read). */
        INCONSISTENT_OFFSET,
        /** A consumer read an offset of a partition at or below one it had already read. */
        NON_MONOTONIC,
        /** A consumer jumped over offsets of a partition that exist (another read returned them). */
        POLL_SKIP,
        /** A value read that no producer ever tried to send. */
        NEVER_SENT
    }

    @Override
    public String toString() {
        return kind + " " + topic + "-" + partition + (offset >= 0 ? "@" + offset : "") + ": " + detail;
    }
}
