package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordsSend;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Fetch response whose records stay in a file must put on the wire exactly the bytes the heap
 * path would, and the record bytes must travel by {@code transferFrom} (sendfile), not through a
 * heap buffer.
 */
class SendRegionTest {

    @TempDir
    Path dir;

    @Test
    void zeroCopyFrameEqualsTheHeapFrameAndSendsRecordsByTransfer() throws IOException {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord("k1".getBytes(), "v1".getBytes()), new SimpleRecord("k2".getBytes(), "v2".getBytes()));
        byte[] recordBytes = new byte[records.sizeInBytes()];
        records.buffer().duplicate().get(recordBytes);
        Path segment = dir.resolve("segment.log");
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[17]));          // other data before the slice
            file.write(ByteBuffer.wrap(recordBytes));
            AtomicInteger transferredRecordBytes = new AtomicInteger();
            BaseRecords inFile = new FileRecordsForTest(file, 17, recordBytes.length, transferredRecordBytes);

            short version = ApiKeys.FETCH.latestVersion();
            RequestHeader header = new RequestHeader(ApiKeys.FETCH, version, "client", 42);
            byte[] heap = bytesOf(ResponseSerializer.frame(header, version, fetchResponse(records)));
            Object zeroCopy = ResponseSerializer.frame(header, version, fetchResponse(inFile));

            assertThat(zeroCopy).isInstanceOf(SendRegion.class);
            SendRegion region = (SendRegion) zeroCopy;
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            WritableByteChannel socket = Channels.newChannel(wire);
            while (region.transferred() < region.count()) {
                region.transferTo(socket, region.transferred());
            }
            assertThat(wire.toByteArray()).isEqualTo(heap);
            assertThat(transferredRecordBytes.get()).isEqualTo(recordBytes.length);
        }
    }

    private static FetchResponse fetchResponse(BaseRecords records) {
        FetchResponseData data = new FetchResponseData().setSessionId(0).setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse().setTopic("t").setTopicId(new Uuid(1, 2))
                        .setPartitions(List.of(new FetchResponseData.PartitionData().setPartitionIndex(0)
                                .setHighWatermark(2).setLastStableOffset(2).setLogStartOffset(0)
                                .setAbortedTransactions(null).setRecords(records)))));
        return FetchResponse.of(data);
    }

    private static byte[] bytesOf(Object frame) throws IOException {
        if (frame instanceof io.netty.buffer.ByteBuf buffer) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), bytes);
            return bytes;
        }
        SendRegion region = (SendRegion) frame;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        while (region.transferred() < region.count()) {
            region.transferTo(channel, region.transferred());
        }
        return out.toByteArray();
    }

    /** Like the broker's file-slice records, counting what goes by transfer. */
    private record FileRecordsForTest(FileChannel file, long position, int size, AtomicInteger transferred)
            implements BaseRecords {
        @Override
        public int sizeInBytes() {
            return size;
        }

        @Override
        public RecordsSend<FileRecordsForTest> toSend() {
            return new RecordsSend<>(this, size) {
                @Override
                protected int writeTo(TransferableChannel channel, int previouslyWritten, int remaining)
                        throws IOException {
                    int written = (int) channel.transferFrom(file, position + previouslyWritten, remaining);
                    transferred.addAndGet(written);
                    return written;
                }
            };
        }
    }
}
