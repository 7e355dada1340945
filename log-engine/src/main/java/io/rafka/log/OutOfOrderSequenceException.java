package io.rafka.log;

/** An idempotent batch whose base sequence does not follow the producer's last one (Kafka OUT_OF_ORDER_SEQUENCE_NUMBER). Nothing was written. */
public final class OutOfOrderSequenceException extends LogException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
