package io.rafka.log;

/** {@code message.timestamp.type}: keep the producer's timestamps, or stamp the leader's append time. */
public enum TimestampType {
    CREATE_TIME,
    LOG_APPEND_TIME
}
