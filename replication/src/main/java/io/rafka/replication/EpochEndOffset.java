package io.rafka.replication;

/**
 * The answer to OffsetForLeaderEpoch(requested epoch): the largest epoch the answering log knows
 * that is {@code <=} the requested one, and the offset where that epoch ends (the start of the next
 * known epoch, or the log end offset if it is the latest). {@link #UNDEFINED} when the answering log
 * knows no such epoch.
 *
 * <p>Immutable; thread-safe.
 */
public record EpochEndOffset(int epoch, long endOffset) {

    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1L;
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);

    public boolean isUndefined() {
        return epoch == UNDEFINED_EPOCH || endOffset == UNDEFINED_OFFSET;
    }
}
