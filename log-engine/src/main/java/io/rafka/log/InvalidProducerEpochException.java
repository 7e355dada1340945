package io.rafka.log;

/** An idempotent batch from a producer epoch older than the one the log knows (Kafka INVALID_PRODUCER_EPOCH: a fenced producer). Nothing was written. */
public final class InvalidProducerEpochException extends LogException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
