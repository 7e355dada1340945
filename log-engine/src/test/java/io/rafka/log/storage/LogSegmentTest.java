package io.rafka.log.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.log.FileSlice;
import io.rafka.log.record.RecordBatch;
import io.rafka.log.testkit.TestBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSegmentTest {

    @TempDir
    Path dir;

    private LogSegment segment;

    @AfterEach
    void close() throws IOException {
        if (segment != null) {
            segment.close();
        }
    }

    /** Appends {@code count} one-record batches at offsets base, base+1, ...; returns the batch size. */
    private int appendBatches(long base, int count) throws IOException {
        int size = 0;
        for (int i = 0; i < count; i++) {
            ByteBuffer buffer = TestBatches.batch().baseOffset(base + i).timestamp(1000 + i).value("v" + i).build();
            size = buffer.remaining();
            segment.append(buffer, List.of(RecordBatch.at(buffer, 0)));
        }
        return size;
    }

    @Test
    void appendWritesBatchesAndSparseIndexEntries() throws IOException {
        segment = LogSegment.create(dir, 100, 100, 1024, FileChannelOpener.DEFAULT, 0);
        int batchBytes = appendBatches(100, 10);

        assertThat(segment.nextOffset()).isEqualTo(110);
        assertThat(segment.sizeBytes()).isEqualTo(batchBytes * 10);
        assertThat(segment.maxTimestampMs()).isEqualTo(1009);
        LogSegment.BatchLocation location = segment.locate(105, segment.sizeBytes()).orElseThrow();
        assertThat(location.position()).isEqualTo(batchBytes * 5);
        assertThat(location.header().baseOffset()).isEqualTo(105);
    }

    @Test
    void readStopsAtMaxPositionSoUnpublishedBytesAreNeverServed() throws IOException {
        segment = LogSegment.create(dir, 0, 100, 1024, FileChannelOpener.DEFAULT, 0);
        int batchBytes = appendBatches(0, 4);
        FileSlice slice = segment.read(0, 1 << 20, Long.MAX_VALUE, false, batchBytes * 2).orElseThrow();
        assertThat(slice.sizeBytes()).isEqualTo(batchBytes * 2);
        assertThat(segment.read(2, 1 << 20, Long.MAX_VALUE, false, batchBytes * 2)).isEmpty();
    }

    @Test
    void recoverCutsAtTheFirstBatchWithABadCrcAndRebuildsTheIndex() throws IOException {
        segment = LogSegment.create(dir, 0, 50, 1024, FileChannelOpener.DEFAULT, 0);
        int batchBytes = appendBatches(0, 6);
        segment.flush();
        try (FileChannel channel = FileChannel.open(segment.logFile(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), batchBytes * 4L + RecordBatch.HEADER_SIZE_BYTES + 2);
        }
        int cut = segment.recover();

        assertThat(cut).isEqualTo(batchBytes * 2);
        assertThat(segment.nextOffset()).isEqualTo(4);
        assertThat(segment.sizeBytes()).isEqualTo(batchBytes * 4);
        assertThat(segment.locate(3, segment.sizeBytes()).orElseThrow().position()).isEqualTo(batchBytes * 3);
        assertThat(segment.maxTimestampMs()).isEqualTo(1003);
    }

    @Test
    void reopenedSegmentDerivesItsStateFromTheFiles() throws IOException {
        segment = LogSegment.create(dir, 0, 50, 1024, FileChannelOpener.DEFAULT, 0);
        int batchBytes = appendBatches(0, 6);
        segment.close();
        segment = LogSegment.open(dir, 0, 50, 1024, false, FileChannelOpener.DEFAULT, 0);

        assertThat(segment.loadProblem()).isEmpty();
        assertThat(segment.nextOffset()).isEqualTo(6);
        assertThat(segment.sizeBytes()).isEqualTo(batchBytes * 6);
        assertThat(segment.maxTimestampMs()).isEqualTo(1005);
        assertThat(segment.offsetOfMaxTimestamp()).isEqualTo(5);
    }

    @Test
    void truncateToRemovesTheBatchHoldingTheOffsetAndEverythingAfter() throws IOException {
        segment = LogSegment.create(dir, 0, 50, 1024, FileChannelOpener.DEFAULT, 0);
        int batchBytes = appendBatches(0, 6);
        assertThat(segment.truncateTo(4)).isEqualTo(batchBytes * 2);
        assertThat(segment.nextOffset()).isEqualTo(4);
        assertThat(segment.maxTimestampMs()).isEqualTo(1003);
        appendBatches(4, 1);
        assertThat(segment.nextOffset()).isEqualTo(5);
    }
}
