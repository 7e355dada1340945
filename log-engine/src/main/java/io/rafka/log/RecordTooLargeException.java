package io.rafka.log;

/** A batch above max.message.bytes, or an append larger than a segment (Kafka MESSAGE_TOO_LARGE / RECORD_LIST_TOO_LARGE). Nothing was written. */
public final class RecordTooLargeException extends LogException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }
}
