package io.rafka.log;

/**
 * A follower append whose batches do not continue the log end exactly. The follower must
 * truncate or refetch; nothing was written.
 */
public final class UnexpectedAppendOffsetException extends LogException {
    private static final long serialVersionUID = 1L;

    private final long expectedOffset;
    private final long actualOffset;

    public UnexpectedAppendOffsetException(long expectedOffset, long actualOffset) {
        super("follower append expected a batch starting at offset " + expectedOffset + " but got " + actualOffset);
        this.expectedOffset = expectedOffset;
        this.actualOffset = actualOffset;
    }

    public long expectedOffset() {
        return expectedOffset;
    }

    public long actualOffset() {
        return actualOffset;
    }
}
