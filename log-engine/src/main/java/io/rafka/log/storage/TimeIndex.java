package io.rafka.log.storage;

import io.rafka.common.Checks;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The {@code .timeindex} file: sparse entries (max timestamp so far: int64, offset relative to
 * the segment base of the first batch that reached it: int32). Timestamps strictly increase,
 * offsets never decrease, so every batch before an entry's offset has a smaller max timestamp.
 * The last slot is kept free for the final entry written when the segment rolls.
 *
 * <p>Thread-safety: as {@link MappedIndex}: one writer, concurrent readers.
 */
public final class TimeIndex extends MappedIndex {

    private static final int ENTRY_SIZE_BYTES = 12;

    public TimeIndex(Path file, long baseOffset, int maxIndexSizeBytes, boolean preallocate, FileChannelOpener opener)
            throws IOException {
        super(file, baseOffset, ENTRY_SIZE_BYTES, maxIndexSizeBytes, preallocate, opener);
    }

    /** Full one slot early so the roll can always add its final entry. */
    public boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /** Adds (timestampMs, offset) unless the timestamp does not advance past the last entry. */
    public void maybeAppend(long timestampMs, long offset) {
        int count = entries();
        if (count > 0) {
            TimestampOffset last = entryAt(count - 1);
            if (timestampMs <= last.timestampMs()) {
                return;
            }
            Checks.check(offset >= last.offset(), "time index entry (%s, %s) goes back before %s", timestampMs, offset, last);
        }
        if (count >= maxEntries()) {
            return; // only reachable on the final entry of a full index; the scan fallback covers it
        }
        long relativeOffset = offset - baseOffset();
        Checks.check(relativeOffset >= 0 && relativeOffset <= Integer.MAX_VALUE,
                "offset %s does not fit time index of segment %s", offset, baseOffset());
        appendEntry((buffer, at) -> {
            buffer.putLong(at, timestampMs);
            buffer.putInt(at + 8, (int) relativeOffset);
        });
    }

    /** The last entry whose timestamp is at or below {@code timestampMs}; (-1, base offset) if none. */
    public TimestampOffset lookup(long timestampMs) {
        MappedByteBuffer buffer = buffer();
        int found = lastSlotWhere(slot -> buffer.getLong(slot * ENTRY_SIZE_BYTES) <= timestampMs);
        return found < 0 ? new TimestampOffset(-1, baseOffset()) : entryAt(found);
    }

    public TimestampOffset lastEntry() {
        int count = entries();
        return count == 0 ? new TimestampOffset(-1, baseOffset()) : entryAt(count - 1);
    }

    /** Drops every entry whose offset is at or above {@code offset}. */
    public void truncateTo(long offset) {
        int keep = entries();
        while (keep > 0 && entryAt(keep - 1).offset() >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }

    public TimestampOffset entryAt(int slot) {
        MappedByteBuffer buffer = buffer();
        int at = slot * ENTRY_SIZE_BYTES;
        return new TimestampOffset(buffer.getLong(at), baseOffset() + buffer.getInt(at + 8));
    }

    @Override
    protected String describeProblem(int slot, long logSizeBytes) {
        TimestampOffset entry = entryAt(slot);
        if (entry.offset() < baseOffset()) {
            return entry + " lies below the segment base " + baseOffset();
        }
        if (slot > 0) {
            TimestampOffset previous = entryAt(slot - 1);
            if (entry.timestampMs() <= previous.timestampMs() || entry.offset() < previous.offset()) {
                return entry + " does not follow " + previous;
            }
        }
        return null;
    }
}
