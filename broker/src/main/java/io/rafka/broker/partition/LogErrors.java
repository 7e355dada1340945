package io.rafka.broker.partition;

import io.rafka.log.CorruptRecordException;
import io.rafka.log.InvalidProducerEpochException;
import io.rafka.log.InvalidRecordException;
import io.rafka.log.LogDirLockedException;
import io.rafka.log.LogException;
import io.rafka.log.LogOfflineException;
import io.rafka.log.OffsetOutOfRangeException;
import io.rafka.log.OutOfOrderSequenceException;
import io.rafka.log.RecordTooLargeException;
import io.rafka.log.UnexpectedAppendOffsetException;
import io.rafka.replication.ReplicationError;
import org.apache.kafka.common.protocol.Errors;

/**
 * The Kafka error code for each typed operating error of the log engine and the replication core.
 * Anything not listed is a bug and is not mapped here. Stateless, thread-safe.
 */
public final class LogErrors {

    private LogErrors() {}

    public static Errors toKafka(LogException e) {
        if (e instanceof CorruptRecordException) {
            return Errors.CORRUPT_MESSAGE;
        } else if (e instanceof InvalidRecordException) {
            return Errors.INVALID_RECORD;
        } else if (e instanceof RecordTooLargeException) {
            return Errors.MESSAGE_TOO_LARGE;
        } else if (e instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        } else if (e instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        } else if (e instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        } else if (e instanceof LogOfflineException || e instanceof LogDirLockedException) {
            return Errors.KAFKA_STORAGE_ERROR;
        } else if (e instanceof UnexpectedAppendOffsetException) {
            return Errors.UNKNOWN_SERVER_ERROR;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    public static Errors toKafka(ReplicationError error) {
        return Errors.forCode(error.kafkaCode());
    }
}
