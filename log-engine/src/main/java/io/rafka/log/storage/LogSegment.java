package io.rafka.log.storage;

import io.rafka.common.Checks;
import io.rafka.log.FileSlice;
import io.rafka.log.TimestampAndOffset;
import io.rafka.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment: {@code <base>.log} holding whole v2 batches back to back, with its sparse
 * {@code <base>.index} and {@code <base>.timeindex}. The log is written before its indexes, so an
 * index never points past valid log bytes that were written in the same append.
 *
 * <p>Invariants: batches are contiguous from position 0 to {@link #sizeBytes()}, their offsets
 * strictly increase from {@link #baseOffset()}, and {@link #nextOffset()} is the last batch's
 * last offset + 1 (the base offset when empty).
 *
 * <p>Thread-safety: mutators (append, truncate, recover, roll/close) are called by one thread at a
 * time under the owning log's lock. Readers may run concurrently; they pass the end position they
 * may read up to, taken from the log's published end, so they never see a half-written append.
 */
public final class LogSegment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogSegment.class);

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String DELETED_SUFFIX = ".deleted";

    private final Path dir;
    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final int maxIndexSizeBytes;
    private final long createdMs;

    private volatile int sizeBytes;
    private volatile long nextOffset;
    /** Largest batch max timestamp in the segment and the base offset of the first batch that had it. */
    private volatile long maxTimestampMs = RecordBatch.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestamp;
    private volatile long firstBatchTimestampMs = RecordBatch.NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;
    /** Set once the files carry the .deleted suffix: a new segment may reuse the plain names. */
    private volatile boolean renamedForDeletion;
    /** Why the loaded files cannot be trusted; empty when they can. */
    private Optional<String> loadProblem = Optional.empty();

    private LogSegment(Path dir, long baseOffset, FileChannel channel, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       int indexIntervalBytes, int maxIndexSizeBytes, long createdMs) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxIndexSizeBytes = maxIndexSizeBytes;
        this.createdMs = createdMs;
        this.nextOffset = baseOffset;
        this.offsetOfMaxTimestamp = baseOffset;
    }

    public static String fileName(long baseOffset, String suffix) {
        return String.format("%020d%s", baseOffset, suffix);
    }

    /** Creates a fresh, empty segment, replacing any leftover files with the same base offset. */
    public static LogSegment create(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexSizeBytes,
                                    FileChannelOpener opener, long nowMs) throws IOException {
        for (String suffix : List.of(LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix)));
        }
        return open(dir, baseOffset, indexIntervalBytes, maxIndexSizeBytes, true, opener, nowMs);
    }

    /**
     * Opens an existing segment and derives its state from the files. Nothing is trusted blindly:
     * if an index fails its sanity check or the batch headers after the last index entry do not
     * chain, {@link #loadProblem()} says why and the caller must {@link #recover} the segment.
     */
    public static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexSizeBytes,
                                  boolean active, FileChannelOpener opener, long nowMs) throws IOException {
        FileChannel channel = opener.open(dir.resolve(fileName(baseOffset, LOG_SUFFIX)),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            OffsetIndex offsetIndex = new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset,
                    maxIndexSizeBytes, active, opener);
            TimeIndex timeIndex = new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)), baseOffset,
                    maxIndexSizeBytes, active, opener);
            LogSegment segment = new LogSegment(dir, baseOffset, channel, offsetIndex, timeIndex, indexIntervalBytes,
                    maxIndexSizeBytes, nowMs);
            segment.loadState();
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    public long nextOffset() {
        return nextOffset;
    }

    public boolean isEmpty() {
        return sizeBytes == 0;
    }

    public long maxTimestampMs() {
        return maxTimestampMs;
    }

    public long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    public Optional<String> loadProblem() {
        return loadProblem;
    }

    public Path logFile() {
        return dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    }

    public FileChannel channel() {
        return channel;
    }

    /** The larger of the first batch's max timestamp and the segment's creation time drives segment.ms, as in Kafka. */
    public long rollingAgeMs(long nowMs, long incomingMaxTimestampMs) {
        long firstTimestampMs = firstBatchTimestampMs;
        return firstTimestampMs >= 0 && incomingMaxTimestampMs >= 0
                ? incomingMaxTimestampMs - firstTimestampMs
                : nowMs - createdMs;
    }

    /** For time retention: the newest timestamp in the segment, or the file's mtime if no batch had one. */
    public long largestTimestampMs() throws IOException {
        long maxMs = maxTimestampMs;
        return maxMs >= 0 ? maxMs : Files.getLastModifiedTime(logFile()).toMillis();
    }

    public boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * Appends validated batches whose offsets are already assigned. Writes the log bytes first and
     * only then the index entries, so an index never refers to bytes that are not yet written.
     */
    public void append(ByteBuffer buffer, List<RecordBatch> batches) throws IOException {
        int startPosition = sizeBytes;
        long expectedBase = nextOffset;
        int appendBytes = buffer.remaining();
        Checks.check((long) startPosition + appendBytes <= Integer.MAX_VALUE, "segment %s would pass 2 GiB", baseOffset);
        ByteBuffer toWrite = buffer.duplicate();
        long at = startPosition;
        while (toWrite.hasRemaining()) {
            at += channel.write(toWrite, at);
        }
        int batchPosition = startPosition;
        for (RecordBatch batch : batches) {
            Checks.check(batch.baseOffset() == expectedBase, "batch %s does not continue segment at %s", batch, expectedBase);
            indexBatch(batch.baseOffset(), batch.maxTimestamp(), batch.sizeBytes(), batchPosition);
            if (batchPosition == 0) {
                firstBatchTimestampMs = batch.maxTimestamp();
            }
            batchPosition += batch.sizeBytes();
            expectedBase = batch.nextOffset();
        }
        Checks.check(batchPosition == startPosition + appendBytes, "batches cover %s bytes of a %s-byte append",
                batchPosition - startPosition, appendBytes);
        nextOffset = expectedBase;
        sizeBytes = batchPosition; // publish last: readers bound themselves by the log's end, not by this
    }

    private void indexBatch(long batchBaseOffset, long batchMaxTimestampMs, int batchSizeBytes, int position) {
        if (batchMaxTimestampMs > maxTimestampMs) {
            maxTimestampMs = batchMaxTimestampMs;
            offsetOfMaxTimestamp = batchBaseOffset;
        }
        // A full index skips entries (reads scan a little further) rather than fail the append;
        // the log rolls before the next append anyway.
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !offsetIndex.isFull()) {
            offsetIndex.append(batchBaseOffset, position);
            if (!timeIndex.isFull()) { // the last slot is kept for the final entry written on roll
                timeIndex.maybeAppend(maxTimestampMs, offsetOfMaxTimestamp);
            }
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batchSizeBytes;
    }

    /**
     * Re-reads every batch from position 0, checking length bounds, magic, offsets and CRC32C,
     * rebuilds both indexes, and cuts the file at the first invalid batch.
     *
     * @return the number of bytes cut (0 if the whole segment was valid)
     */
    public int recover() throws IOException {
        offsetIndex.resize(maxIndexSizeBytes);
        timeIndex.resize(maxIndexSizeBytes);
        offsetIndex.reset();
        timeIndex.reset();
        resetInMemoryState();
        long fileSizeBytes = channel.size();
        long position = 0;
        long expectedBase = baseOffset;
        while (position < fileSizeBytes) {
            Optional<RecordBatch> valid = validBatchAt(position, fileSizeBytes, expectedBase, true);
            if (valid.isEmpty()) {
                break;
            }
            RecordBatch batch = valid.get();
            if (position == 0) {
                firstBatchTimestampMs = batch.maxTimestamp();
            }
            indexBatch(batch.baseOffset(), batch.maxTimestamp(), batch.sizeBytes(), (int) position);
            position += batch.sizeBytes();
            expectedBase = batch.nextOffset();
            nextOffset = expectedBase;
        }
        int cutBytes = (int) (fileSizeBytes - position);
        if (cutBytes > 0) {
            log.warn("segment {}: cutting {} invalid bytes at position {} (next offset {})",
                    logFile(), cutBytes, position, nextOffset);
            channel.truncate(position);
        }
        sizeBytes = (int) position;
        loadProblem = Optional.empty();
        return cutBytes;
    }

    /**
     * Cuts the segment before the batch holding {@code offset}: truncation is by whole batch, so
     * the new next offset is that batch's base offset, which can be below {@code offset}.
     *
     * @return bytes removed
     */
    public int truncateTo(long offset) throws IOException {
        int endPosition = sizeBytes;
        Optional<BatchLocation> cut = locate(offset, endPosition);
        if (cut.isEmpty()) {
            return 0;
        }
        int position = cut.get().position();
        long newNextOffset = position == 0 ? baseOffset : cut.get().header().baseOffset();
        offsetIndex.truncateTo(newNextOffset);
        timeIndex.truncateTo(newNextOffset);
        channel.truncate(position);
        sizeBytes = position;
        nextOffset = newNextOffset;
        recomputeTailState();
        return endPosition - position;
    }

    /**
     * The first batch with a last offset at or above {@code startOffset} and the whole batches after
     * it that fit {@code maxBytes}, stop before {@code maxOffsetExclusive} and lie before
     * {@code maxPosition}. Empty if no batch of this segment reaches {@code startOffset}.
     */
    public Optional<FileSlice> read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch,
                                    int maxPosition) throws IOException {
        Optional<BatchLocation> start = locate(startOffset, maxPosition);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        int startPosition = start.get().position();
        int endPosition = startPosition;
        RecordBatch header = start.get().header();
        Optional<BatchLocation> skipTo = lastIndexedBatchWithin(startPosition, maxBytes, maxOffsetExclusive, maxPosition);
        if (skipTo.isPresent()) {
            endPosition = skipTo.get().position();
            header = skipTo.get().header();
        }
        while (true) {
            if (header.lastOffset() >= maxOffsetExclusive) {
                break;
            }
            int nextEnd = endPosition + header.sizeBytes();
            if (nextEnd - startPosition > maxBytes && !(minOneBatch && endPosition == startPosition)) {
                break;
            }
            endPosition = nextEnd;
            if (endPosition >= maxPosition || nextEnd - startPosition >= maxBytes) {
                break;
            }
            header = FileBatchReader.readHeader(channel, endPosition);
        }
        // An empty slice (not Optional.empty()) tells the caller the read stops here: the first batch
        // is too large or past maxOffsetExclusive, so later segments must not be consulted.
        return Optional.of(new FileSlice(channel, startPosition, endPosition - startPosition));
    }

    /**
     * Where a read from {@code startPosition} can skip to without reading the headers in between: the
     * last indexed batch that starts past {@code startPosition} but below both {@code startPosition +
     * maxBytes} and {@code maxPosition}, with a base offset at most {@code maxOffsetExclusive}. Every
     * batch before it is whole (index positions are batch starts), fits {@code maxBytes} and ends below
     * {@code maxOffsetExclusive}, so the read only has to decide about the batches from there on.
     * A 1 MiB read of 16 KiB batches reads two headers instead of sixty-four.
     *
     * <p>Empty when no index entry lies in that range, or when the entry does not match the batch
     * header found at its position: the caller then walks every header, as without an index.
     */
    private Optional<BatchLocation> lastIndexedBatchWithin(int startPosition, int maxBytes, long maxOffsetExclusive,
                                                          int maxPosition) throws IOException {
        int limit = (int) Math.min(maxPosition, (long) startPosition + maxBytes);
        Optional<OffsetPosition> entry = offsetIndex.lastEntryBefore(limit, maxOffsetExclusive);
        if (entry.isEmpty() || entry.get().position() <= startPosition
                || entry.get().position() + RecordBatch.HEADER_SIZE_BYTES > maxPosition) {
            return Optional.empty();
        }
        RecordBatch header = FileBatchReader.readHeader(channel, entry.get().position());
        if (header.baseOffset() != entry.get().offset() || header.magic() != RecordBatch.MAGIC_V2) {
            log.warn("segment {}: index entry {} does not match the log; reading batch by batch", logFile(), entry.get());
            return Optional.empty();
        }
        return Optional.of(new BatchLocation(entry.get().position(), header));
    }

    /** First batch at or after {@code startingOffset} whose max timestamp is at least {@code timestampMs}. */
    public Optional<TimestampAndOffset> findOffsetByTimestamp(long timestampMs, long startingOffset, int maxPosition)
            throws IOException {
        TimestampOffset floor = timeIndex.lookup(timestampMs);
        long fromOffset = Math.max(floor.offset(), startingOffset);
        Optional<BatchLocation> location = locate(fromOffset, maxPosition);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        long position = location.get().position();
        RecordBatch header = location.get().header();
        while (true) {
            if (header.maxTimestamp() >= timestampMs) {
                return Optional.of(new TimestampAndOffset(header.maxTimestamp(), Math.max(header.baseOffset(), startingOffset)));
            }
            position += header.sizeBytes();
            if (position >= maxPosition) {
                return Optional.empty();
            }
            header = FileBatchReader.readHeader(channel, position);
        }
    }

    /** Header and position of the first batch whose last offset is at or above {@code offset}, before {@code maxPosition}. */
    public Optional<BatchLocation> locate(long offset, int maxPosition) throws IOException {
        int position = verifiedIndexPosition(offset, maxPosition);
        while (position < maxPosition) {
            RecordBatch header = FileBatchReader.readHeader(channel, position);
            if (header.lastOffset() >= offset) {
                return Optional.of(new BatchLocation(position, header));
            }
            position += header.sizeBytes();
        }
        return Optional.empty();
    }

    /**
     * The index position at or before {@code offset}, checked against the batch header found there:
     * a corrupt entry costs a scan from position 0 and a warning, never a wrong answer.
     */
    private int verifiedIndexPosition(long offset, int maxPosition) throws IOException {
        OffsetPosition entry = offsetIndex.lookup(offset);
        if (entry.position() == 0) {
            return 0;
        }
        if (entry.position() + RecordBatch.HEADER_SIZE_BYTES <= maxPosition) {
            RecordBatch header = FileBatchReader.readHeader(channel, entry.position());
            if (header.baseOffset() == entry.offset() && header.magic() == RecordBatch.MAGIC_V2) {
                return entry.position();
            }
        }
        log.warn("segment {}: index entry {} does not match the log; scanning from the start", logFile(), entry);
        return 0;
    }

    /** Forces the log bytes (not the indexes) to disk. */
    public void flushLogOnly() throws IOException {
        channel.force(false);
    }

    /** Forces the log bytes and both indexes to disk. */
    public void flush() throws IOException {
        channel.force(false);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** The segment stops being active: write the final time index entry and trim both indexes to size. */
    public void onBecomeInactive() throws IOException {
        if (maxTimestampMs >= 0) {
            timeIndex.maybeAppend(maxTimestampMs, offsetOfMaxTimestamp);
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /** The segment is the active one again (after a truncation): give its indexes room to grow. */
    public void onBecomeActive() throws IOException {
        offsetIndex.resize(maxIndexSizeBytes);
        timeIndex.resize(maxIndexSizeBytes);
    }

    /** Closes cleanly: final time index entry, trimmed indexes, everything forced. */
    @Override
    public void close() throws IOException {
        try {
            onBecomeInactive();
            flush();
        } finally {
            channel.close();
        }
    }

    /** Releases the file handle without writing anything: for a log that went offline. */
    public void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing {} after a fault failed too", logFile(), e);
        }
    }

    /** Renames the three files with a {@code .deleted} suffix; the channel stays readable until {@link #deleteFiles}. */
    public void renameForDeletion() throws IOException {
        for (String suffix : List.of(LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX)) {
            Path file = dir.resolve(fileName(baseOffset, suffix));
            if (Files.exists(file)) {
                Files.move(file, dir.resolve(fileName(baseOffset, suffix) + DELETED_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        renamedForDeletion = true;
    }

    /** Closes the channel and removes the files, renamed or not. */
    public void deleteFiles() throws IOException {
        channel.close();
        String extraSuffix = renamedForDeletion ? DELETED_SUFFIX : "";
        for (String suffix : List.of(LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(fileName(baseOffset, suffix) + extraSuffix));
        }
    }

    private void loadState() throws IOException {
        long fileSizeBytes = channel.size();
        if (fileSizeBytes > Integer.MAX_VALUE) {
            loadProblem = Optional.of("log file is larger than 2 GiB");
            return;
        }
        sizeBytes = (int) fileSizeBytes;
        loadProblem = offsetIndex.sanityCheck(fileSizeBytes).or(() -> timeIndex.sanityCheck(fileSizeBytes));
        if (loadProblem.isPresent()) {
            return;
        }
        OffsetPosition lastIndexed = offsetIndex.entries() == 0
                ? new OffsetPosition(baseOffset, 0)
                : offsetIndex.entryAt(offsetIndex.entries() - 1);
        TimestampOffset lastTime = timeIndex.lastEntry();
        maxTimestampMs = lastTime.timestampMs();
        offsetOfMaxTimestamp = lastTime.offset();
        long position = lastIndexed.position();
        long expectedBase = lastIndexed.offset();
        while (position < fileSizeBytes) {
            Optional<RecordBatch> header = validBatchAt(position, fileSizeBytes, expectedBase, false);
            if (header.isEmpty()) {
                loadProblem = Optional.of("batch headers after position " + lastIndexed.position() + " do not chain");
                return;
            }
            RecordBatch batch = header.get();
            if (batch.maxTimestamp() > maxTimestampMs) {
                maxTimestampMs = batch.maxTimestamp();
                offsetOfMaxTimestamp = batch.baseOffset();
            }
            position += batch.sizeBytes();
            expectedBase = batch.nextOffset();
            nextOffset = expectedBase;
        }
        if (lastTime.offset() >= Math.max(nextOffset, baseOffset + 1)) {
            loadProblem = Optional.of("time index entry " + lastTime + " lies past the segment's next offset " + nextOffset);
            return;
        }
        bytesSinceLastIndexEntry = sizeBytes - lastIndexed.position();
        if (sizeBytes > 0) {
            firstBatchTimestampMs = FileBatchReader.readHeader(channel, 0).maxTimestamp();
        }
    }

    /**
     * The batch at {@code position} if it is structurally valid: a whole header, a length inside
     * the file, magic 2, a base offset of exactly {@code expectedBaseOffset} (this log never
     * leaves holes, and the base offset is outside the CRC, so contiguity is its only check),
     * offsets that fit the segment, and (when {@code checkCrc}) a matching CRC32C. Empty otherwise.
     */
    private Optional<RecordBatch> validBatchAt(long position, long fileSizeBytes, long expectedBaseOffset, boolean checkCrc)
            throws IOException {
        if (fileSizeBytes - position < RecordBatch.HEADER_SIZE_BYTES) {
            return Optional.empty();
        }
        RecordBatch header = FileBatchReader.readHeader(channel, position);
        long batchSizeBytes = RecordBatch.LOG_OVERHEAD_BYTES + (long) header.batchLength();
        boolean structurallyValid = batchSizeBytes >= RecordBatch.HEADER_SIZE_BYTES
                && batchSizeBytes <= fileSizeBytes - position
                && header.magic() == RecordBatch.MAGIC_V2
                && header.baseOffset() == expectedBaseOffset
                && header.lastOffsetDelta() >= 0
                && header.lastOffset() - baseOffset <= Integer.MAX_VALUE;
        if (!structurallyValid) {
            return Optional.empty();
        }
        if (checkCrc && FileBatchReader.computeCrc(channel, position, header) != header.storedCrc()) {
            return Optional.empty();
        }
        return Optional.of(header);
    }

    private void resetInMemoryState() {
        nextOffset = baseOffset;
        maxTimestampMs = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestamp = baseOffset;
        firstBatchTimestampMs = RecordBatch.NO_TIMESTAMP;
        bytesSinceLastIndexEntry = 0;
    }

    /** After a truncation: max timestamp and index spacing from the surviving entries and the batches after them. */
    private void recomputeTailState() throws IOException {
        TimestampOffset lastTime = timeIndex.lastEntry();
        maxTimestampMs = lastTime.timestampMs();
        offsetOfMaxTimestamp = lastTime.offset();
        int position = offsetIndex.lookup(lastTime.offset()).position();
        while (position < sizeBytes) {
            RecordBatch header = FileBatchReader.readHeader(channel, position);
            if (header.maxTimestamp() > maxTimestampMs) {
                maxTimestampMs = header.maxTimestamp();
                offsetOfMaxTimestamp = header.baseOffset();
            }
            position += header.sizeBytes();
        }
        int lastIndexedPosition = offsetIndex.entries() == 0 ? 0 : offsetIndex.entryAt(offsetIndex.entries() - 1).position();
        bytesSinceLastIndexEntry = sizeBytes - lastIndexedPosition;
        if (sizeBytes == 0) {
            firstBatchTimestampMs = RecordBatch.NO_TIMESTAMP;
        }
    }

    /** Visits the header of every batch whose last offset is at or above {@code fromOffset}, in order. */
    public void forEachBatchHeader(long fromOffset, BatchVisitor visitor) throws IOException {
        int endPosition = sizeBytes;
        Optional<BatchLocation> start = locate(fromOffset, endPosition);
        if (start.isEmpty()) {
            return;
        }
        int position = start.get().position();
        RecordBatch header = start.get().header();
        while (true) {
            visitor.visit(header);
            position += header.sizeBytes();
            if (position >= endPosition) {
                return;
            }
            header = FileBatchReader.readHeader(channel, position);
        }
    }

    /** Receives batch headers from {@link #forEachBatchHeader}. */
    @FunctionalInterface
    public interface BatchVisitor {
        void visit(RecordBatch header) throws IOException;
    }

    /** A batch header and where it starts in the segment file. */
    public record BatchLocation(int position, RecordBatch header) {}

    @Override
    public String toString() {
        return "LogSegment(base=" + baseOffset + ", next=" + nextOffset + ", sizeBytes=" + sizeBytes + ")";
    }
}
