package io.rafka.log.bench;

import io.rafka.common.Time;
import io.rafka.log.FileSlice;
import io.rafka.log.LogConfig;
import io.rafka.log.LogEnvironment;
import io.rafka.log.LogListener;
import io.rafka.log.LogReadResult;
import io.rafka.log.PartitionLog;
import io.rafka.log.storage.FileChannelOpener;
import io.rafka.log.testkit.TestBatches;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures, in one run on one machine: raw sequential {@link FileChannel} write bandwidth, log
 * append throughput of 1 KiB records in 16 KiB batches without fsync and with an fsync per
 * batch, and sequential zero-copy read throughput (sendfile to a loopback socket). Reports the
 * append / raw ratio. Run with the command in log-engine/README.md; tune with
 * {@code -Dbench.totalMiB} (data per no-fsync iteration, default 1024), {@code -Dbench.iterations} (default 5),
 * {@code -Dbench.fsyncSeconds} (default 5), {@code -Dbench.dir} (default target/bench).
 *
 * <p>A main class rather than JMH: each measurement is seconds of disk I/O, far above timer and
 * JIT noise, and the interesting comparison (log vs raw on the same disk in the same run) is
 * easiest to keep honest by interleaving the two by hand. Single-threaded.
 */
public final class LogBenchmark {

    private static final int RECORD_BYTES = 1024;
    private static final int RECORDS_PER_BATCH = 16;
    private static final int READ_FETCH_BYTES = 1024 * 1024;

    private final Path workDir;
    private final long totalBytes;
    private final int iterations;
    private final long fsyncSeconds;
    private final ByteBuffer batchTemplate;

    private LogBenchmark(Path workDir, long totalBytes, int iterations, long fsyncSeconds) {
        this.workDir = workDir;
        this.totalBytes = totalBytes;
        this.iterations = iterations;
        this.fsyncSeconds = fsyncSeconds;
        this.batchTemplate = TestBatches.batch().timestamp(System.currentTimeMillis())
                .values(RECORDS_PER_BATCH, RECORD_BYTES, 42).build();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        long totalMiB = Long.getLong("bench.totalMiB", 1024);
        LogBenchmark bench = new LogBenchmark(dir, totalMiB * 1024 * 1024, Integer.getInteger("bench.iterations", 5),
                Long.getLong("bench.fsyncSeconds", 5));
        bench.run();
    }

    private void run() throws Exception {
        int batchBytes = batchTemplate.remaining();
        System.out.printf(Locale.ROOT, "batch: %d records x %d B = %d B on disk; %d MiB per no-fsync iteration; %d iterations%n",
                RECORDS_PER_BATCH, RECORD_BYTES, batchBytes, totalBytes >> 20, iterations);
        // Warm-up (untimed): JIT-compiles both write paths so the first timed iteration is not penalised.
        rawWrite(false, Long.MAX_VALUE);
        Path warmupDir = freshDir("warmup");
        append(warmupDir, false);
        zeroCopyRead(warmupDir);
        deleteRecursively(warmupDir);
        List<Double> rawMiBs = new ArrayList<>();
        List<Double> appendMiBs = new ArrayList<>();
        List<Double> readMiBs = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            rawMiBs.add(report("raw FileChannel write, no fsync", rawWrite(false, Long.MAX_VALUE)));
            Path logDir = freshDir("append-" + i);
            appendMiBs.add(report("log append, no fsync", append(logDir, false)));
            readMiBs.add(report("log zero-copy read (sendfile to loopback socket)", zeroCopyRead(logDir)));
            deleteRecursively(logDir);
        }
        double rawFsync = report("raw FileChannel write + fsync per batch", rawWrite(true, fsyncSeconds));
        Path fsyncDir = freshDir("append-fsync");
        double appendFsync = report("log append + fsync per batch", append(fsyncDir, true));
        deleteRecursively(fsyncDir);

        double raw = median(rawMiBs);
        double append = median(appendMiBs);
        System.out.println();
        System.out.printf(Locale.ROOT, "SUMMARY (median of %d)%n", iterations);
        System.out.printf(Locale.ROOT, "  raw sequential write            %9.1f MiB/s%n", raw);
        System.out.printf(Locale.ROOT, "  append, no fsync                %9.1f MiB/s  (%.0f batches/s, %.0f records/s)%n",
                append, append * 1024 * 1024 / batchBytes, append * 1024 * 1024 / batchBytes * RECORDS_PER_BATCH);
        System.out.printf(Locale.ROOT, "  append / raw                    %9.1f %%  (target >= 70 %%)%n", 100 * append / raw);
        System.out.printf(Locale.ROOT, "  raw write + fsync per batch     %9.1f MiB/s%n", rawFsync);
        System.out.printf(Locale.ROOT, "  append + fsync per batch        %9.1f MiB/s  (%.0f batches/s; %.1f %% of raw+fsync)%n",
                appendFsync, appendFsync * 1024 * 1024 / batchBytes, 100 * appendFsync / rawFsync);
        System.out.printf(Locale.ROOT, "  zero-copy sequential read       %9.1f MiB/s%n", median(readMiBs));
    }

    /** Plain positional writes of the same batch bytes to one file: the disk's (page cache's) sequential bandwidth. */
    private Measurement rawWrite(boolean fsyncEachBatch, long maxSeconds) throws IOException {
        Path file = freshDir("raw").resolve("raw.bin");
        long limitNs = maxSeconds == Long.MAX_VALUE ? Long.MAX_VALUE : maxSeconds * 1_000_000_000L;
        long written = 0;
        long startNs = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (written < totalBytes && System.nanoTime() - startNs < limitNs) {
                ByteBuffer buffer = batchTemplate.duplicate();
                while (buffer.hasRemaining()) {
                    written += channel.write(buffer, written);
                }
                if (fsyncEachBatch) {
                    channel.force(false);
                }
            }
        }
        long elapsedNs = System.nanoTime() - startNs;
        deleteRecursively(file.getParent());
        return new Measurement(written, elapsedNs);
    }

    /** appendAsLeader of fresh copies of the batch (the log rewrites its buffer in place). */
    private Measurement append(Path logDir, boolean fsyncEachBatch) throws IOException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LogConfig config = LogConfig.builder().flushMessages(fsyncEachBatch ? 1 : Long.MAX_VALUE).build();
        LogEnvironment environment = new LogEnvironment(Time.SYSTEM, FileChannelOpener.DEFAULT, scheduler, LogListener.NONE);
        PartitionLog log = PartitionLog.open(logDir, config, environment);
        ByteBuffer buffer = ByteBuffer.allocate(batchTemplate.remaining());
        long limitNs = fsyncEachBatch ? fsyncSeconds * 1_000_000_000L : Long.MAX_VALUE;
        long written = 0;
        long startNs = System.nanoTime();
        try {
            while (written < totalBytes && System.nanoTime() - startNs < limitNs) {
                buffer.clear();
                buffer.put(batchTemplate.duplicate()).flip();
                log.appendAsLeader(buffer, 0);
                written += buffer.remaining();
            }
            long elapsedNs = System.nanoTime() - startNs;
            return new Measurement(written, elapsedNs);
        } finally {
            log.close();
            scheduler.shutdownNow();
        }
    }

    /** Reads the whole log front to back in 1 MiB fetches, sending each slice with transferTo to a socket. */
    private Measurement zeroCopyRead(Path logDir) throws IOException, InterruptedException {
        PartitionLog log = PartitionLog.open(logDir, LogConfig.defaults(), 0, 0, true, LogEnvironment.standalone(Time.SYSTEM));
        AtomicLong drained = new AtomicLong();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel sender = SocketChannel.open(server.getLocalAddress());
             SocketChannel receiver = server.accept()) {
            Thread drain = new Thread(() -> {
                ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
                try {
                    int n;
                    while ((n = receiver.read(sink.clear())) >= 0) {
                        drained.addAndGet(n);
                    }
                } catch (IOException e) {
                    // the sender closed: done
                }
            }, "bench-drain");
            drain.start();
            long sent = 0;
            long offset = log.logStartOffset();
            long startNs = System.nanoTime();
            while (offset < log.logEndOffset()) {
                LogReadResult result = log.read(offset, READ_FETCH_BYTES, Long.MAX_VALUE, true);
                FileSlice slice = result.records();
                sent += slice.transferTo(sender);
                offset = lastOffsetIn(slice) + 1;
            }
            sender.shutdownOutput();
            drain.join();
            long elapsedNs = System.nanoTime() - startNs;
            if (drained.get() != sent) {
                throw new IllegalStateException("sent " + sent + " bytes but the receiver got " + drained.get());
            }
            return new Measurement(sent, elapsedNs);
        } finally {
            log.close();
        }
    }

    /** Last offset of the last batch of a slice: read from its header, which starts at a known distance from the end. */
    private long lastOffsetIn(FileSlice slice) throws IOException {
        int batchBytes = batchTemplate.remaining();
        ByteBuffer header = ByteBuffer.allocate(27);
        slice.channel().read(header, slice.position() + slice.sizeBytes() - batchBytes);
        return header.getLong(0) + header.getInt(23);
    }

    private static double report(String name, Measurement m) {
        double mibPerSecond = m.bytes / (1024.0 * 1024.0) / (m.elapsedNs / 1e9);
        System.out.printf(Locale.ROOT, "%-52s %8d MiB in %6.2f s = %9.1f MiB/s%n", name, m.bytes >> 20, m.elapsedNs / 1e9,
                mibPerSecond);
        return mibPerSecond;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private Path freshDir(String name) throws IOException {
        Path dir = workDir.resolve(name);
        deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Measurement(long bytes, long elapsedNs) {}
}
