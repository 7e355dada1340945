package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupRecord;
import io.rafka.broker.group.GroupRecordCodec;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * Packs the coordinator's records into one magic-v2 batch for {@code __consumer_offsets}: key and value in
 * Kafka's layout ({@link GroupRecordCodec}), a tombstone as a null value, one batch per sink append so the
 * records of one decision are committed together.
 *
 * <p>Stateless, thread-safe.
 */
final class GroupRecordBatches {

    private GroupRecordBatches() {}

    static ByteBuffer encode(List<GroupRecord> records, long nowMs) {
        int estimateBytes = 128;
        byte[][] keys = new byte[records.size()][];
        byte[][] values = new byte[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            GroupRecordCodec.KeyValue keyValue = GroupRecordCodec.encode(records.get(i));
            keys[i] = keyValue.key();
            values[i] = keyValue.value();
            estimateBytes += 32 + keys[i].length + (values[i] == null ? 0 : values[i].length);
        }
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(estimateBytes),
                RecordBatch.MAGIC_VALUE_V2, Compression.NONE, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < records.size(); i++) {
            builder.append(nowMs, keys[i], values[i]);
        }
        return builder.build().buffer();
    }
}
