package io.rafka.broker.network;

import java.nio.channels.FileChannel;
import org.apache.kafka.common.record.BaseRecords;

/**
 * Record batches that stay in a file until the response is written: {@link ResponseSerializer}
 * sends them as a {@code FileRegion} (sendfile), so the bytes never enter the heap. Fetch handlers
 * answer with these for data read from segment files.
 *
 * <p>Implementations are immutable; the file must stay open until the response is written.
 */
public interface FileBackedRecords extends BaseRecords {

    /** The file holding the batches. */
    FileChannel channel();

    /** Where the first batch starts in {@link #channel()}; {@link #sizeInBytes()} bytes follow. */
    long position();
}
