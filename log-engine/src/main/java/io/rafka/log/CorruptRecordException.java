package io.rafka.log;

/** A batch fails its structural checks or its CRC32C (Kafka CORRUPT_MESSAGE). Nothing of the append was written. */
public final class CorruptRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
