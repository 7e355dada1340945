package io.rafka.log.storage;

import io.rafka.common.Checks;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A sparse index file of fixed-size entries, preallocated and memory-mapped while its segment is
 * active, trimmed to its entries when the segment rolls or closes. An index is never trusted
 * blindly: {@link #sanityCheck} runs on load and a failing index is rebuilt from the log.
 *
 * <p>Thread-safety: one writer (under the owning log's lock) and any number of concurrent readers.
 * The writer stores an entry's bytes before publishing the new count through the volatile
 * {@code entries}; readers use absolute reads bounded by the count they saw. A remap replaces the
 * volatile {@code mmap}; an old mapping stays valid until garbage-collected.
 */
abstract class MappedIndex implements AutoCloseable {

    private final Path file;
    private final long baseOffset;
    private final int entrySizeBytes;
    private final FileChannelOpener opener;
    private volatile MappedByteBuffer mmap;
    /** Number of valid entries; entries * entrySizeBytes <= mmap.capacity(). */
    private volatile int entries;
    /** Set on load when the file length is not a whole number of entries. */
    private final boolean lengthCorrupt;

    MappedIndex(Path file, long baseOffset, int entrySizeBytes, int maxIndexSizeBytes, boolean preallocate,
                FileChannelOpener opener) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySizeBytes = entrySizeBytes;
        this.opener = opener;
        long existingLength = Files.exists(file) ? Files.size(file) : 0;
        this.lengthCorrupt = existingLength % entrySizeBytes != 0;
        int loadedEntries = lengthCorrupt ? 0 : (int) Math.min(existingLength / entrySizeBytes, Integer.MAX_VALUE);
        int maxSizeBytes = roundDownToEntry(maxIndexSizeBytes);
        // An untrimmed (crashed) file longer than the max size keeps its length so that the sanity
        // check sees its trailing zero entries and orders a rebuild.
        int sizeBytes = preallocate ? Math.max(maxSizeBytes, loadedEntries * entrySizeBytes) : loadedEntries * entrySizeBytes;
        this.entries = loadedEntries;
        this.mmap = map(sizeBytes);
    }

    protected abstract String describeProblem(int entryIndex, long logSizeBytes);

    protected final long baseOffset() {
        return baseOffset;
    }

    public final Path file() {
        return file;
    }

    public final int entries() {
        return entries;
    }

    public final int maxEntries() {
        return mmap.capacity() / entrySizeBytes;
    }

    protected final MappedByteBuffer buffer() {
        return mmap;
    }

    protected final int entrySizeBytes() {
        return entrySizeBytes;
    }

    /**
     * The last slot for which {@code inPrefix} holds, or -1 if none. Entries increase in every field,
     * so the slots a lookup accepts are a prefix of the index and a binary search finds its end.
     */
    protected final int lastSlotWhere(IntPredicate inPrefix) {
        int low = 0;
        int high = entries() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (inPrefix.test(middle)) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** Stores an entry written by {@code writer} at the next slot, then publishes it. */
    protected final void appendEntry(EntryWriter writer) {
        int slot = entries;
        Checks.check(slot < maxEntries(), "index %s is full at %s entries", file, slot);
        writer.write(mmap, slot * entrySizeBytes);
        entries = slot + 1;
    }

    /**
     * Empty if every entry is plausible for a log of {@code logSizeBytes}; otherwise why not.
     * Cheap (one pass over the mapped entries) so it runs on every load.
     */
    public final Optional<String> sanityCheck(long logSizeBytes) {
        if (lengthCorrupt) {
            return Optional.of("index " + file + " length is not a multiple of " + entrySizeBytes);
        }
        int count = entries;
        for (int i = 0; i < count; i++) {
            String problem = describeProblem(i, logSizeBytes);
            if (problem != null) {
                return Optional.of("index " + file + " entry " + i + ": " + problem);
            }
        }
        return Optional.empty();
    }

    /** Drops every entry at or after slot {@code count}. */
    public final void truncateToEntries(int count) {
        Checks.check(count >= 0 && count <= entries, "cannot truncate index %s of %s entries to %s", file, entries, count);
        entries = count;
    }

    public final void reset() {
        truncateToEntries(0);
    }

    /** Remaps the file at {@code sizeBytes} (rounded down to whole entries), keeping the entries. */
    public final void resize(int sizeBytes) throws IOException {
        int rounded = Math.max(roundDownToEntry(sizeBytes), entries * entrySizeBytes);
        if (rounded != mmap.capacity()) {
            mmap = map(rounded);
        }
    }

    /** Shrinks the file to its entries: done on roll and close so a reload counts entries from the length. */
    public final void trimToValidSize() throws IOException {
        resize(entries * entrySizeBytes);
    }

    public final void flush() {
        mmap.force();
    }

    /** The mapping is left to the garbage collector: unmapping by hand could crash a concurrent reader. */
    @Override
    public void close() throws IOException {
        flush();
    }

    public final void deleteIfExists() throws IOException {
        Files.deleteIfExists(file);
    }

    private int roundDownToEntry(int sizeBytes) {
        return sizeBytes / entrySizeBytes * entrySizeBytes;
    }

    private MappedByteBuffer map(int sizeBytes) throws IOException {
        try (FileChannel channel = opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() > sizeBytes) {
                channel.truncate(sizeBytes);
            }
            // Mapping past the end grows the file (sparse): this is the preallocation.
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, sizeBytes);
        }
    }

    @FunctionalInterface
    protected interface EntryWriter {
        void write(MappedByteBuffer buffer, int bytePosition);
    }
}
