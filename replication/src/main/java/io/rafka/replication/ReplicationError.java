package io.rafka.replication;

/**
 * Operating errors the replication core reports, named and numbered as Kafka's error codes so the
 * broker can put {@link #kafkaCode()} straight on the wire without this module depending on
 * kafka-clients.
 *
 * <p>Immutable; thread-safe.
 */
public enum ReplicationError {
    NONE(0),
    OFFSET_OUT_OF_RANGE(1),
    NOT_LEADER_OR_FOLLOWER(6),
    REQUEST_TIMED_OUT(7),
    /** Produce with acks=all refused before append: the committed ISR is smaller than min.insync.replicas. */
    NOT_ENOUGH_REPLICAS(19),
    /** The batch is in the log and below the high watermark, but fewer than min.insync.replicas hold it. */
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20),
    /** The request carries an older leader epoch than the leader's: the sender is behind. */
    FENCED_LEADER_EPOCH(74),
    /** The request carries a newer leader epoch than the leader's: this broker is behind. */
    UNKNOWN_LEADER_EPOCH(75),
    /** An ISR proposal was built on a partition epoch the controller has moved past. */
    INVALID_UPDATE_VERSION(95),
    /** An ISR proposal adds a replica the controller will not accept (fenced, shutting down, unknown). */
    INELIGIBLE_REPLICA(107);

    private final short kafkaCode;

    ReplicationError(int kafkaCode) {
        this.kafkaCode = (short) kafkaCode;
    }

    public short kafkaCode() {
        return kafkaCode;
    }
}
