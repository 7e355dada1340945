package io.rafka.broker.handler.group;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a partition of {@code __consumer_offsets} that this node leads, so the coordinator can load its groups
 * when it takes the partition over. Only committed records are loaded: from the log start offset up to the
 * high watermark.
 *
 * <p>Called on the coordinator's loader thread (never the coordinator thread), so blocking file I/O is fine.
 * Implementations are thread-safe.
 */
public interface OffsetsTopicReader {

    /** The first offset of the partition's log; throws if this node has no log for it (yet). */
    long logStartOffset(int partition) throws IOException;

    /** The offset below which every record is committed: where loading stops. */
    long highWatermark(int partition) throws IOException;

    /**
     * Whole record batches starting with the one that holds {@code startOffset}, at most {@code maxBytes} (at
     * least one batch, however large); an empty buffer at the end of the log.
     */
    ByteBuffer read(int partition, long startOffset, int maxBytes) throws IOException;
}
