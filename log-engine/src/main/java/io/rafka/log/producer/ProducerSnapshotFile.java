package io.rafka.log.producer;

import io.rafka.log.checkpoint.CheckpointFile;
import io.rafka.log.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * {@code <offset>.snapshot}: every producer entry as of {@code offset}, guarded by a CRC32C so a
 * torn or flipped snapshot is detected and skipped (the state is then rebuilt from an older
 * snapshot or from the log).
 *
 * <pre>
 * version: int16 | crc32c of the rest: int32 | producer count: int32 |
 *   per producer: id int64 | epoch int16 | batch count int32 |
 *     per batch: firstSeq int32 | lastSeq int32 | firstOffset int64 | lastOffset int64 | maxTimestamp int64
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ProducerSnapshotFile {

    public static final String SUFFIX = ".snapshot";
    private static final short VERSION = 1;
    private static final int HEADER_BYTES = 2 + 4;
    private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshotFile() {}

    public static Path path(Path dir, long offset) {
        return dir.resolve(String.format("%020d%s", offset, SUFFIX));
    }

    public static void write(Path file, Collection<ProducerEntry> entries) throws IOException {
        int sizeBytes = HEADER_BYTES + 4;
        for (ProducerEntry entry : entries) {
            sizeBytes += 8 + 2 + 4 + entry.batches().size() * BATCH_BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(sizeBytes);
        buffer.putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerEntry entry : entries) {
            buffer.putLong(entry.producerId()).putShort(entry.epoch()).putInt(entry.batches().size());
            for (BatchMetadata batch : entry.batches()) {
                buffer.putInt(batch.firstSequence()).putInt(batch.lastSequence()).putLong(batch.firstOffset())
                        .putLong(batch.lastOffset()).putLong(batch.maxTimestampMs());
            }
        }
        buffer.putInt(2, (int) crcOfBody(buffer.array()));
        CheckpointFile.writeAtomically(file, buffer.array());
    }

    public static List<ProducerEntry> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            short version = buffer.getShort();
            long storedCrc = Integer.toUnsignedLong(buffer.getInt());
            if (version != VERSION || storedCrc != crcOfBody(bytes)) {
                throw new CorruptCheckpointException(file, "bad version " + version + " or CRC");
            }
            int producerCount = buffer.getInt();
            List<ProducerEntry> entries = new ArrayList<>(Math.min(producerCount, 1024));
            for (int p = 0; p < producerCount; p++) {
                long producerId = buffer.getLong();
                short epoch = buffer.getShort();
                int batchCount = buffer.getInt();
                if (batchCount < 0 || batchCount > ProducerEntry.MAX_BATCHES) {
                    throw new CorruptCheckpointException(file, "producer " + producerId + " has " + batchCount + " batches");
                }
                List<BatchMetadata> batches = new ArrayList<>();
                for (int b = 0; b < batchCount; b++) {
                    batches.add(new BatchMetadata(buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong(),
                            buffer.getLong()));
                }
                entries.add(new ProducerEntry(producerId, epoch, batches));
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new CorruptCheckpointException(file, "truncated");
        }
    }

    private static long crcOfBody(byte[] bytes) {
        CRC32C crc = new CRC32C();
        if (bytes.length > HEADER_BYTES) {
            crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        }
        return crc.getValue();
    }
}
