package io.rafka.log.epoch;

/**
 * Answer to OffsetForLeaderEpoch: the largest known epoch at or below the requested one and the
 * offset where it ended (the start of the next epoch, or the log end for the latest epoch).
 * {@code (-1, -1)} when the log cannot answer. Immutable.
 */
public record EpochEndOffset(int epoch, long endOffset) {
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);
}
