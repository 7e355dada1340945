package io.rafka.metadata.quorum;

import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.record.RecordBatch;
import io.rafka.metadata.record.RecordSerde;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A metadata snapshot: the image written out as the records that rebuild it ({@link MetadataImage#toRecords}).
 * Layout: magic {@code RAFKASNP}, int format version, long term, long index, int body length, body (a JSON
 * {@link RecordBatch}), int CRC32C of everything before it. Written to a temporary file, forced, renamed; the
 * checksum is verified on every load and a mismatch refuses the file.
 *
 * <p>Stateless, thread-safe.
 */
public final class SnapshotFile {

    private static final byte[] MAGIC = "RAFKASNP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8 + 8 + 4;

    /** A loaded snapshot: the image and the Raft position it was taken at. */
    public record Loaded(long term, long index, MetadataImage image) {
    }

    private SnapshotFile() {}

    public static void write(Path file, long term, MetadataImage image) throws IOException {
        byte[] body = RecordSerde.serialize(RecordBatch.of(term, image.toRecords()));
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + body.length + 4);
        buffer.put(MAGIC).putInt(FORMAT_VERSION).putLong(term).putLong(image.offset()).putInt(body.length).put(body);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Loaded read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CorruptSnapshotException(file + ": not a Rafka snapshot");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(MAGIC.length);
        int version = buffer.getInt();
        long term = buffer.getLong();
        long index = buffer.getLong();
        int bodyLength = buffer.getInt();
        if (version != FORMAT_VERSION || bodyLength < 0 || HEADER_BYTES + bodyLength + 4 != bytes.length) {
            throw new CorruptSnapshotException(file + ": bad header (version " + version + ", body " + bodyLength
                + " bytes, file " + bytes.length + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_BYTES + bodyLength);
        int stored = ByteBuffer.wrap(bytes, HEADER_BYTES + bodyLength, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptSnapshotException(file + ": checksum mismatch");
        }
        RecordBatch batch = RecordSerde.deserializeBatch(Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + bodyLength));
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY, index);
        delta.replayAll(batch.records());
        return new Loaded(term, index, delta.apply());
    }

    /** The snapshot file fails its checksum or layout: never load it. */
    public static final class CorruptSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String message) {
            super(message);
        }
    }
}
