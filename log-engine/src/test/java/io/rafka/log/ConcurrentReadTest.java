package io.rafka.log;

import static io.rafka.log.testkit.TestBatches.simple;
import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.MockTime;
import io.rafka.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock-free reads against a concurrent appender (with rolls): every read returns whole batches
 * with valid CRCs, contiguous offsets from the requested one, never past the end it saw.
 */
class ConcurrentReadTest {

    @TempDir
    Path tempDir;

    @Test
    void readersNeverSeeHalfWrittenOrPartialBatches() throws Exception {
        int batchBytes = simple(3, 0).remaining();
        PartitionLog log = PartitionLog.open(tempDir.resolve("t-0"),
                LogConfig.builder().segmentBytes(batchBytes * 20).indexIntervalBytes(batchBytes).build(),
                LogEnvironment.standalone(new MockTime()));
        int appends = 3_000;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<Long> reader = readers.submit(() -> {
                long reads = 0;
                while (!done.get()) {
                    long end = log.logEndOffset();
                    long start = end == 0 ? 0 : (reads * 7919) % end;
                    checkRead(log, start, end);
                    reads++;
                }
                return reads;
            });
            for (int i = 0; i < appends; i++) {
                log.appendAsLeader(simple(3, i), 0);
            }
            done.set(true);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            readers.shutdownNow();
            log.close();
        }
        assertThat(log.logEndOffset()).isEqualTo(appends * 3L);
    }

    private static void checkRead(PartitionLog log, long start, long endSeen) throws IOException {
        LogReadResult result = log.read(start, 4 * 1024, Long.MAX_VALUE, true);
        ByteBuffer bytes = result.records().toHeapBuffer();
        int position = 0;
        long expectedBase = -1;
        while (position < bytes.limit()) {
            RecordBatch batch = RecordBatch.at(bytes, position);
            assertThat(batch.isCrcValid()).isTrue();
            if (expectedBase < 0) {
                assertThat(batch.baseOffset()).isLessThanOrEqualTo(start);
                assertThat(batch.lastOffset()).isGreaterThanOrEqualTo(start);
            } else {
                assertThat(batch.baseOffset()).isEqualTo(expectedBase);
            }
            assertThat(batch.lastOffset()).isLessThan(result.logEndOffset());
            expectedBase = batch.nextOffset();
            position += batch.sizeBytes();
        }
        assertThat(position).isEqualTo(bytes.limit());
        assertThat(result.logEndOffset()).isGreaterThanOrEqualTo(endSeen);
    }
}
