package io.rafka.log;

/** A well-formed batch the log refuses: wrong magic, no records, inconsistent offset delta (Kafka INVALID_RECORD). Nothing was written. */
public final class InvalidRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
