package io.rafka.log.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.log.FileSlice;
import io.rafka.log.record.RecordBatch;
import io.rafka.log.testkit.Seeds;
import io.rafka.log.testkit.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogSegment#read}'s bounds, checked against a model that walks the batches it appended: the
 * read jumps over whole batches with the offset index, and must answer exactly what a walk of every
 * header would, for any index interval, and also when an index entry is wrong.
 */
class LogSegmentReadTest {

    /** What the model knows of each appended batch. */
    private record Appended(int position, long baseOffset, long lastOffset, int sizeBytes) {}

    @TempDir
    Path dir;

    private LogSegment segment;
    private final List<Appended> appended = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        if (segment != null) {
            segment.close();
        }
    }

    @Test
    void readsTheSameWholeBatchesAsAWalkOfEveryHeader() throws IOException {
        long seed = Seeds.seed();
        System.out.println("LogSegmentReadTest " + Seeds.reproduce("LogSegmentReadTest", seed));
        Random random = new Random(seed);
        for (int indexIntervalBytes : new int[] {1, 700, 4096, 1 << 20}) {
            fillSegment(random, indexIntervalBytes, 150);
            checkRandomReads(random, 3_000, "index interval " + indexIntervalBytes + ", " + Seeds.reproduce(
                "LogSegmentReadTest", seed));
            segment.close();
            segment = null;
        }
    }

    @Test
    void anIndexEntryThatDoesNotMatchTheLogCostsAWalkNotAWrongAnswer() throws IOException {
        long seed = Seeds.seed();
        System.out.println("LogSegmentReadTest " + Seeds.reproduce("LogSegmentReadTest", seed));
        Random random = new Random(seed);
        fillSegment(random, 1, 60);
        // Slot 29 (the batch at index 30: the first batch has no entry) now points at batch 31.
        try (FileChannel index = FileChannel.open(dir.resolve(LogSegment.fileName(0, LogSegment.INDEX_SUFFIX)),
                StandardOpenOption.WRITE)) {
            index.write(ByteBuffer.allocate(4).putInt(0, appended.get(31).position()), 29 * 8L + 4);
        }
        checkRandomReads(random, 2_000, Seeds.reproduce("LogSegmentReadTest", seed));
    }

    private void fillSegment(Random random, int indexIntervalBytes, int batches) throws IOException {
        appended.clear();
        segment = LogSegment.create(dir, 0, indexIntervalBytes, 1 << 20, FileChannelOpener.DEFAULT, 0);
        long offset = 0;
        for (int i = 0; i < batches; i++) {
            int records = 1 + random.nextInt(4);
            ByteBuffer batch = TestBatches.batch().baseOffset(offset)
                .values(records, random.nextInt(3_000), random.nextLong()).build();
            appended.add(new Appended(segment.sizeBytes(), offset, offset + records - 1, batch.remaining()));
            segment.append(batch, List.of(RecordBatch.at(batch, 0)));
            offset += records;
        }
    }

    private void checkRandomReads(Random random, int reads, String context) throws IOException {
        Appended last = appended.get(appended.size() - 1);
        for (int i = 0; i < reads; i++) {
            long startOffset = random.nextInt((int) last.lastOffset() + 3);
            int maxBytes = 1 + random.nextInt(segment.sizeBytes() + 100);
            long maxOffsetExclusive = random.nextBoolean() ? Long.MAX_VALUE : random.nextInt((int) last.lastOffset() + 3);
            boolean minOneBatch = random.nextBoolean();
            Appended upTo = appended.get(random.nextInt(appended.size()));
            int maxPosition = random.nextInt(4) == 0 ? segment.sizeBytes() : upTo.position() + upTo.sizeBytes();

            Optional<FileSlice> slice = segment.read(startOffset, maxBytes, maxOffsetExclusive, minOneBatch, maxPosition);
            Optional<String> expected = walk(startOffset, maxBytes, maxOffsetExclusive, minOneBatch, maxPosition);
            String read = String.format("read(%d, %d, %d, %s, %d), %s", startOffset, maxBytes, maxOffsetExclusive,
                minOneBatch, maxPosition, context);
            assertThat(slice.map(s -> s.position() + "+" + s.sizeBytes())).as(read).isEqualTo(expected);
        }
    }

    /** The model: "position+size" of the whole batches a read returns, found batch by batch. */
    private Optional<String> walk(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch,
                                  int maxPosition) {
        int first = 0;
        while (first < appended.size() && appended.get(first).position() < maxPosition
                && appended.get(first).lastOffset() < startOffset) {
            first++;
        }
        if (first == appended.size() || appended.get(first).position() >= maxPosition) {
            return Optional.empty();
        }
        int start = appended.get(first).position();
        int end = start;
        for (int i = first; i < appended.size() && end < maxPosition; i++) {
            Appended batch = appended.get(i);
            boolean fits = end + batch.sizeBytes() - start <= maxBytes || (minOneBatch && end == start);
            if (batch.lastOffset() >= maxOffsetExclusive || !fits) {
                break;
            }
            end += batch.sizeBytes();
            if (end - start >= maxBytes) {
                break;
            }
        }
        return Optional.of(start + "+" + (end - start));
    }
}
