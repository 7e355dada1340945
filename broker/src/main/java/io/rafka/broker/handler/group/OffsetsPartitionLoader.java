package io.rafka.broker.handler.group;

import io.rafka.broker.group.GroupRecord;
import io.rafka.broker.group.GroupRecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition of {@code __consumer_offsets} from its log start to its high watermark and decodes every
 * record, in log order, for the coordinator to replay.
 *
 * <p>Control batches (transaction markers) and records without a key are skipped. A record this codec does not
 * know (another Kafka version's record type) is skipped with a warning rather than stopping the load: losing one
 * unknown record is better than a coordinator that never comes up.
 *
 * <p>NB: every decoded record is held in memory until the replay; a compacted offsets partition is small, an
 * uncompacted one (Rafka has no log cleaner yet) grows with every commit.
 *
 * <p>Stateless, thread-safe; runs on the loader thread.
 */
final class OffsetsPartitionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsPartitionLoader.class);
    static final int READ_BYTES = 1024 * 1024;

    private OffsetsPartitionLoader() {}

    static List<GroupRecord> load(OffsetsTopicReader reader, int partition) throws IOException {
        long offset = reader.logStartOffset(partition);
        long endOffset = reader.highWatermark(partition);
        List<GroupRecord> records = new ArrayList<>();
        while (offset < endOffset) {
            ByteBuffer buffer = reader.read(partition, offset, READ_BYTES);
            if (!buffer.hasRemaining()) {
                break;
            }
            long before = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
                if (batch.lastOffset() < offset) {
                    continue;
                }
                if (!batch.isControlBatch()) {
                    for (Record record : batch) {
                        if (record.offset() >= offset && record.offset() < endOffset && record.hasKey()) {
                            decodeInto(records, record, partition);
                        }
                    }
                }
                offset = batch.nextOffset();
            }
            if (offset == before) {
                throw new IOException("__consumer_offsets-" + partition + ": no progress reading at offset " + offset);
            }
        }
        return records;
    }

    private static void decodeInto(List<GroupRecord> records, Record record, int partition) {
        byte[] key = Utils.toArray(record.key());
        byte[] value = record.hasValue() ? Utils.toArray(record.value()) : null;
        try {
            records.add(GroupRecordCodec.decode(key, value));
        } catch (GroupRecordCodec.UnknownGroupRecordException e) {
            LOG.warn("__consumer_offsets-{} offset {}: skipping a record Rafka does not know: {}", partition,
                    record.offset(), e.getMessage());
        }
    }
}
