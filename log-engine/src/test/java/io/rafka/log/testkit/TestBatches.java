package io.rafka.log.testkit;

import io.rafka.log.record.RecordBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds valid, uncompressed Kafka v2 record batches (header, varint-encoded records, CRC32C) so
 * tests need no Kafka jar. Not thread-safe.
 */
public final class TestBatches {

    private long baseOffset = 0;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private long baseTimestampMs = 1_700_000_000_000L;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private final List<byte[]> values = new ArrayList<>();

    public static TestBatches batch() {
        return new TestBatches();
    }

    /** A batch of {@code count} records whose values are "value-i" strings. */
    public static ByteBuffer simple(int count, long timestampMs) {
        TestBatches builder = batch().timestamp(timestampMs);
        for (int i = 0; i < count; i++) {
            builder.value("value-" + i);
        }
        return builder.build();
    }

    public TestBatches baseOffset(long offset) {
        baseOffset = offset;
        return this;
    }

    public TestBatches leaderEpoch(int epoch) {
        partitionLeaderEpoch = epoch;
        return this;
    }

    public TestBatches timestamp(long timestampMs) {
        baseTimestampMs = timestampMs;
        return this;
    }

    public TestBatches producer(long id, int epoch, int firstSequence) {
        producerId = id;
        producerEpoch = (short) epoch;
        baseSequence = firstSequence;
        return this;
    }

    public TestBatches value(String text) {
        values.add(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestBatches value(byte[] bytes) {
        values.add(bytes);
        return this;
    }

    /** Adds {@code count} records of {@code sizeBytes} bytes each, filled from {@code seed}. */
    public TestBatches values(int count, int sizeBytes, long seed) {
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[sizeBytes];
            long x = seed * 31 + i;
            for (int b = 0; b < sizeBytes; b++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                bytes[b] = (byte) (x >>> 56);
            }
            values.add(bytes);
        }
        return this;
    }

    /** Records i get timestamps base + i; the batch's max timestamp is the last one. */
    public ByteBuffer build() {
        if (values.isEmpty()) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            writeRecord(records, i, i, values.get(i));
        }
        byte[] recordBytes = records.toByteArray();
        ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE_BYTES + recordBytes.length);
        buffer.putLong(baseOffset)
                .putInt(buffer.capacity() - RecordBatch.LOG_OVERHEAD_BYTES)
                .putInt(partitionLeaderEpoch)
                .put(RecordBatch.MAGIC_V2)
                .putInt(0)
                .putShort((short) 0)
                .putInt(values.size() - 1)
                .putLong(baseTimestampMs)
                .putLong(baseTimestampMs + values.size() - 1)
                .putLong(producerId)
                .putShort(producerEpoch)
                .putInt(baseSequence)
                .putInt(values.size())
                .put(recordBytes);
        buffer.flip();
        RecordBatch view = RecordBatch.at(buffer, 0);
        buffer.putInt(RecordBatch.CRC_OFFSET, (int) view.computeCrc());
        return buffer;
    }

    /** Several batches back to back in one buffer, as a produce request carries them. */
    public static ByteBuffer concat(ByteBuffer... batches) {
        int total = 0;
        for (ByteBuffer batch : batches) {
            total += batch.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer batch : batches) {
            joined.put(batch.duplicate());
        }
        return joined.flip();
    }

    private static void writeRecord(ByteArrayOutputStream out, int timestampDelta, int offsetDelta, byte[] value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // attributes
        writeVarlong(body, timestampDelta);
        writeVarlong(body, offsetDelta);
        writeVarlong(body, -1); // null key
        writeVarlong(body, value.length);
        body.writeBytes(value);
        writeVarlong(body, 0); // no headers
        writeVarlong(out, body.size());
        out.writeBytes(body.toByteArray());
    }

    private static void writeVarlong(ByteArrayOutputStream out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    /** The values of the records of the uncompressed batch at {@code position} in {@code buffer}. */
    public static List<byte[]> readValues(ByteBuffer buffer, int position) {
        RecordBatch batch = RecordBatch.at(buffer, position);
        ByteBuffer records = buffer.duplicate();
        records.position(position + RecordBatch.HEADER_SIZE_BYTES).limit(position + batch.sizeBytes());
        List<byte[]> result = new ArrayList<>();
        for (int i = 0; i < batch.recordCount(); i++) {
            long length = readVarlong(records);
            int recordEnd = records.position() + (int) length;
            records.get(); // attributes
            readVarlong(records);
            readVarlong(records);
            long keyLength = readVarlong(records);
            if (keyLength > 0) {
                records.position(records.position() + (int) keyLength);
            }
            byte[] value = new byte[(int) readVarlong(records)];
            records.get(value);
            result.add(value);
            records.position(recordEnd);
        }
        return result;
    }

    private static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        int shift = 0;
        while (true) {
            byte b = buffer.get();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    private TestBatches() {}
}
