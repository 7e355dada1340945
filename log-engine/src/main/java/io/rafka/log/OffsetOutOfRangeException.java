package io.rafka.log;

/**
 * A requested offset outside {@code [logStartOffset, logEndOffset]} (Kafka OFFSET_OUT_OF_RANGE).
 * Carries the valid range so the caller can reset without a second round trip.
 */
public final class OffsetOutOfRangeException extends LogException {
    private static final long serialVersionUID = 1L;

    private final long requestedOffset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(long requestedOffset, long logStartOffset, long logEndOffset) {
        super("offset " + requestedOffset + " is outside the log range [" + logStartOffset + ", " + logEndOffset + "]");
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long requestedOffset() {
        return requestedOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
