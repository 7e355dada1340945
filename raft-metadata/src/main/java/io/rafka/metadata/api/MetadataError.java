package io.rafka.metadata.api;

/**
 * Operating errors the controller answers with. Every constant's name equals the name of a constant of
 * Kafka's {@code org.apache.kafka.common.protocol.Errors}, so the broker maps them by name
 * ({@code Errors.valueOf(error.name())}) without this module depending on kafka-clients.
 *
 * <p>Immutable, thread-safe.
 */
public enum MetadataError {
    NONE,
    NOT_CONTROLLER,
    REQUEST_TIMED_OUT,
    INVALID_REQUEST,
    INVALID_REPLICATION_FACTOR,
    INVALID_REPLICA_ASSIGNMENT,
    INVALID_PARTITIONS,
    INVALID_CONFIG,
    INVALID_TOPIC_EXCEPTION,
    TOPIC_ALREADY_EXISTS,
    UNKNOWN_TOPIC_OR_PARTITION,
    UNKNOWN_TOPIC_ID,
    INVALID_UPDATE_VERSION,
    FENCED_LEADER_EPOCH,
    NOT_LEADER_OR_FOLLOWER,
    INELIGIBLE_REPLICA,
    ELECTION_NOT_NEEDED,
    ELIGIBLE_LEADERS_NOT_AVAILABLE,
    PREFERRED_LEADER_NOT_AVAILABLE,
    NO_REASSIGNMENT_IN_PROGRESS,
    STALE_BROKER_EPOCH,
    BROKER_ID_NOT_REGISTERED,
    DUPLICATE_BROKER_REGISTRATION,
    UNKNOWN_SERVER_ERROR
}
