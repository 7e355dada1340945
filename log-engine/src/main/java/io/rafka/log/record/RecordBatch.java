package io.rafka.log.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A view of one Kafka magic-v2 record batch inside a {@link ByteBuffer}, read and written with
 * absolute accessors so the buffer's position and limit are never touched.
 *
 * <pre>
 * baseOffset: int64 | batchLength: int32 | partitionLeaderEpoch: int32 | magic: int8 | crc: uint32 |
 * attributes: int16 | lastOffsetDelta: int32 | baseTimestamp: int64 | maxTimestamp: int64 |
 * producerId: int64 | producerEpoch: int16 | baseSequence: int32 | recordCount: int32 | records...
 * </pre>
 *
 * The CRC32C covers the bytes from {@code attributes} to the end of the batch, so the base offset
 * and the partition leader epoch can be rewritten without recomputing it.
 *
 * <p>Not thread-safe: a view over a mutable buffer, used by one thread at a time.
 */
public final class RecordBatch {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    /** Size of the fixed batch header; records follow it. */
    public static final int HEADER_SIZE_BYTES = 61;
    /** Bytes before the length field's coverage starts: base offset + length. */
    public static final int LOG_OVERHEAD_BYTES = 12;

    public static final byte MAGIC_V2 = 2;
    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final long NO_TIMESTAMP = -1L;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    private final ByteBuffer buffer;
    private final int position;

    private RecordBatch(ByteBuffer buffer, int position) {
        this.buffer = buffer;
        this.position = position;
    }

    /** A view of the batch starting at {@code position}; the caller has checked that a header fits. */
    public static RecordBatch at(ByteBuffer buffer, int position) {
        return new RecordBatch(buffer, position);
    }

    public int position() {
        return position;
    }

    public long baseOffset() {
        return buffer.getLong(position + BASE_OFFSET_OFFSET);
    }

    /** Bytes after the length field; see {@link #sizeBytes()}. */
    public int batchLength() {
        return buffer.getInt(position + LENGTH_OFFSET);
    }

    /** Whole batch size on disk, header included. */
    public int sizeBytes() {
        return LOG_OVERHEAD_BYTES + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(position + PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(position + MAGIC_OFFSET);
    }

    public long storedCrc() {
        return Integer.toUnsignedLong(buffer.getInt(position + CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(position + ATTRIBUTES_OFFSET);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** Offset after this batch: the next batch's base offset in a contiguous log. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return buffer.getLong(position + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(position + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(position + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(position + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(position + BASE_SEQUENCE_OFFSET);
    }

    /** Sequence of the batch's last record, wrapping at {@code Integer.MAX_VALUE} as Kafka does. */
    public int lastSequence() {
        int baseSequence = baseSequence();
        return baseSequence == NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(baseSequence, lastOffsetDelta());
    }

    public int recordCount() {
        return buffer.getInt(position + RECORD_COUNT_OFFSET);
    }

    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    public boolean hasProducerId() {
        return producerId() > NO_PRODUCER_ID;
    }

    /** CRC32C of the bytes the stored CRC covers. The caller has checked the batch fits in the buffer. */
    public long computeCrc() {
        ByteBuffer covered = buffer.duplicate();
        covered.limit(position + sizeBytes()).position(position + ATTRIBUTES_OFFSET);
        CRC32C crc = new CRC32C();
        crc.update(covered);
        return crc.getValue();
    }

    public boolean isCrcValid() {
        return computeCrc() == storedCrc();
    }

    public void setBaseOffset(long baseOffset) {
        buffer.putLong(position + BASE_OFFSET_OFFSET, baseOffset);
    }

    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(position + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Stamps the broker's append time as Kafka does for {@code LOG_APPEND_TIME} topics: sets the
     * timestamp-type bit and the max timestamp, then recomputes the CRC those fields are under.
     */
    public void setLogAppendTime(long appendTimeMs) {
        buffer.putShort(position + ATTRIBUTES_OFFSET, (short) (attributes() | TIMESTAMP_TYPE_MASK));
        buffer.putLong(position + MAX_TIMESTAMP_OFFSET, appendTimeMs);
        buffer.putInt(position + CRC_OFFSET, (int) computeCrc());
    }

    /** Kafka's sequence arithmetic: sequences wrap from {@code Integer.MAX_VALUE} to 0. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", sizeBytes=" + sizeBytes()
                + ", epoch=" + partitionLeaderEpoch() + ", producerId=" + producerId() + ", baseSequence=" + baseSequence() + ")";
    }
}
