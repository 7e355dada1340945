package io.rafka.log.storage;

import io.rafka.common.Checks;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code .index} file: sparse entries (offset relative to the segment base: int32, byte
 * position of the batch with that base offset: int32), strictly increasing in both. One entry is
 * added per {@code index.interval.bytes} of log; the first batch of a segment is never indexed
 * because position 0 needs no entry.
 *
 * <p>Thread-safety: as {@link MappedIndex}: one writer, concurrent readers.
 */
public final class OffsetIndex extends MappedIndex {

    private static final int ENTRY_SIZE_BYTES = 8;

    public OffsetIndex(Path file, long baseOffset, int maxIndexSizeBytes, boolean preallocate, FileChannelOpener opener)
            throws IOException {
        super(file, baseOffset, ENTRY_SIZE_BYTES, maxIndexSizeBytes, preallocate, opener);
    }

    public boolean isFull() {
        return entries() >= maxEntries();
    }

    public void append(long offset, int position) {
        long relativeOffset = offset - baseOffset();
        Checks.check(relativeOffset > 0 && relativeOffset <= Integer.MAX_VALUE,
                "offset %s does not fit index of segment %s", offset, baseOffset());
        int count = entries();
        if (count > 0) {
            OffsetPosition last = entryAt(count - 1);
            Checks.check(offset > last.offset() && position > last.position(),
                    "index entry (%s, %s) does not follow last entry %s", offset, position, last);
        }
        appendEntry((buffer, at) -> {
            buffer.putInt(at, (int) relativeOffset);
            buffer.putInt(at + 4, position);
        });
    }

    /** The last entry at or below {@code targetOffset}, or (base offset, position 0) if none. */
    public OffsetPosition lookup(long targetOffset) {
        MappedByteBuffer buffer = buffer();
        int found = lastSlotWhere(slot -> baseOffset() + buffer.getInt(slot * ENTRY_SIZE_BYTES) <= targetOffset);
        return found < 0 ? new OffsetPosition(baseOffset(), 0) : entryAt(found);
    }

    /**
     * The last entry whose position is below {@code positionExclusive} and whose offset is at most
     * {@code maxOffset}: both increase, so such entries are a prefix of the index.
     */
    public Optional<OffsetPosition> lastEntryBefore(int positionExclusive, long maxOffset) {
        MappedByteBuffer buffer = buffer();
        int found = lastSlotWhere(slot -> buffer.getInt(slot * ENTRY_SIZE_BYTES + 4) < positionExclusive
            && baseOffset() + buffer.getInt(slot * ENTRY_SIZE_BYTES) <= maxOffset);
        return found < 0 ? Optional.empty() : Optional.of(entryAt(found));
    }

    /** Drops every entry with an offset at or above {@code offset}. */
    public void truncateTo(long offset) {
        int keep = entries();
        while (keep > 0 && entryAt(keep - 1).offset() >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }

    public OffsetPosition entryAt(int slot) {
        MappedByteBuffer buffer = buffer();
        int at = slot * ENTRY_SIZE_BYTES;
        return new OffsetPosition(baseOffset() + buffer.getInt(at), buffer.getInt(at + 4));
    }

    @Override
    protected String describeProblem(int slot, long logSizeBytes) {
        OffsetPosition entry = entryAt(slot);
        if (entry.offset() <= baseOffset() || entry.position() <= 0 || entry.position() >= logSizeBytes) {
            return entry + " lies outside the segment (base " + baseOffset() + ", " + logSizeBytes + " bytes)";
        }
        if (slot > 0) {
            OffsetPosition previous = entryAt(slot - 1);
            if (entry.offset() <= previous.offset() || entry.position() <= previous.position()) {
                return entry + " does not follow " + previous;
            }
        }
        return null;
    }
}
