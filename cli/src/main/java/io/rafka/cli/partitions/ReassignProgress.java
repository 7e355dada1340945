package io.rafka.cli.partitions;

import io.rafka.common.Checks;
import java.util.OptionalLong;

/**
 * One progress reading of a running reassignment and the line {@code --wait} prints for it:
 *
 * <pre>[#######.............]  35%  3/10 partitions, 120.0 MB of 300.0 MB copied, 12.0 MB/s, ETA 15s</pre>
 *
 * The bar follows bytes when the brokers report replica sizes (DescribeLogDirs), otherwise partitions.
 *
 * <p>Thread-safety: immutable.
 *
 * @param bytesCopied bytes the new replicas hold so far, if known
 * @param bytesTotal bytes the new replicas must hold when done, if known
 * @param bytesCopiedAtStart {@code bytesCopied} at the first reading, so the rate counts only this run's copying
 */
public record ReassignProgress(
        int partitionsDone, int partitionsTotal,
        OptionalLong bytesCopied, OptionalLong bytesTotal, long bytesCopiedAtStart, long elapsedMs) {
    private static final int BAR_WIDTH_CHARS = 20;

    public ReassignProgress {
        Checks.check(0 <= partitionsDone && partitionsDone <= partitionsTotal,
                "partitions done %s out of range 0..%s", partitionsDone, partitionsTotal);
        Checks.check(elapsedMs >= 0, "elapsed %s ms", elapsedMs);
    }

    /** Completed fraction in [0, 1]. */
    public double fraction() {
        if (bytesCopied.isPresent() && bytesTotal.isPresent() && bytesTotal.getAsLong() > 0) {
            return Math.min(1.0, (double) bytesCopied.getAsLong() / bytesTotal.getAsLong());
        }
        return partitionsTotal == 0 ? 1.0 : (double) partitionsDone / partitionsTotal;
    }

    /** Bytes per second copied since the first reading, if sizes are known and time has passed. */
    public OptionalLong rateBytesPerSecond() {
        if (bytesCopied.isEmpty() || elapsedMs == 0) {
            return OptionalLong.empty();
        }
        long copiedSinceStart = Math.max(0, bytesCopied.getAsLong() - bytesCopiedAtStart);
        return OptionalLong.of(copiedSinceStart * 1000 / elapsedMs);
    }

    /** Seconds until done at the current rate, if it can be estimated. */
    public OptionalLong etaSeconds() {
        OptionalLong rate = rateBytesPerSecond();
        if (rate.isEmpty() || rate.getAsLong() == 0 || bytesTotal.isEmpty()) {
            return OptionalLong.empty();
        }
        long remainingBytes = Math.max(0, bytesTotal.getAsLong() - bytesCopied.getAsLong());
        return OptionalLong.of((remainingBytes + rate.getAsLong() - 1) / rate.getAsLong());
    }

    public String render() {
        int filled = (int) Math.floor(fraction() * BAR_WIDTH_CHARS);
        StringBuilder line = new StringBuilder()
                .append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH_CHARS - filled)).append("] ")
                .append(String.format("%3d%%", (int) Math.floor(fraction() * 100)))
                .append("  ").append(partitionsDone).append('/').append(partitionsTotal).append(" partitions");
        if (bytesCopied.isPresent() && bytesTotal.isPresent()) {
            line.append(", ").append(Units.bytes(bytesCopied.getAsLong()))
                    .append(" of ").append(Units.bytes(bytesTotal.getAsLong())).append(" copied");
        }
        rateBytesPerSecond().ifPresent(rate -> line.append(", ").append(Units.bytes(rate)).append("/s"));
        etaSeconds().ifPresent(eta -> line.append(", ETA ").append(Units.duration(eta)));
        return line.toString();
    }
}
