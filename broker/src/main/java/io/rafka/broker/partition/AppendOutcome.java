package io.rafka.broker.partition;

import org.apache.kafka.common.protocol.Errors;

/**
 * The answer to one partition's append, in the terms of a ProduceResponse partition.
 *
 * @param error           {@link Errors#NONE} when the batches are acknowledged at the requested acks
 * @param errorMessage    a human explanation for errors, or null
 * @param baseOffset      offset of the first record appended (the original one for a producer retry); -1 on error
 * @param lastOffset      offset of the last record appended; -1 on error
 * @param logAppendTimeMs the stamped time with LogAppendTime, else -1
 * @param logStartOffset  the log start offset after the append; -1 on error
 *
 * <p>Immutable, thread-safe.
 */
public record AppendOutcome(Errors error, String errorMessage, long baseOffset, long lastOffset, long logAppendTimeMs,
                            long logStartOffset) {

    public static AppendOutcome failed(Errors error, String errorMessage) {
        return new AppendOutcome(error, errorMessage, -1, -1, -1, -1);
    }

    public AppendOutcome withError(Errors newError, String message) {
        return new AppendOutcome(newError, message, baseOffset, lastOffset, logAppendTimeMs, logStartOffset);
    }

    public boolean isSuccess() {
        return error == Errors.NONE;
    }
}
