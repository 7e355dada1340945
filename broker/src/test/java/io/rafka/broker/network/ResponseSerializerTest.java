package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordsSend;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response frame must put on the wire exactly the bytes Kafka's own serialization gives, with
 * record data from files as file regions of those files (sendfile), never copied to the heap.
 */
class ResponseSerializerTest {

    private static final int BYTES_BEFORE_SLICES = 17;

    @TempDir
    Path dir;

    @Test
    void fetchRecordsInFilesGoAsFileRegionsAndTheFrameIsKafkasBytes() throws IOException {
        MemoryRecords first = records("k1", "v1", "k2", "v2");
        MemoryRecords second = records("k3", "a longer value");
        try (FileChannel file = FileChannel.open(dir.resolve("segment.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[BYTES_BEFORE_SLICES])); // other data before the slices
            file.write(first.buffer());
            file.write(second.buffer());
            BaseRecords firstInFile = new InFile(file, BYTES_BEFORE_SLICES, first.sizeInBytes());
            BaseRecords secondInFile = new InFile(file, BYTES_BEFORE_SLICES + first.sizeInBytes(), second.sizeInBytes());
            short version = ApiKeys.FETCH.latestVersion();
            RequestHeader header = new RequestHeader(ApiKeys.FETCH, version, "client", 42);

            List<Object> parts = ResponseSerializer.frame(header, version, fetchResponse(firstInFile, secondInFile));

            // heap (header, fields) | file | heap (next partition's fields) | file | heap (tagged fields)
            assertThat(parts).hasSize(5);
            assertThat(parts.get(1)).isInstanceOfSatisfying(FileRegion.class, region -> {
                assertThat(region.position()).isEqualTo(BYTES_BEFORE_SLICES);
                assertThat(region.count()).isEqualTo(first.sizeInBytes());
            });
            assertThat(parts.get(3)).isInstanceOfSatisfying(FileRegion.class, region -> {
                assertThat(region.position()).isEqualTo(BYTES_BEFORE_SLICES + first.sizeInBytes());
                assertThat(region.count()).isEqualTo(second.sizeInBytes());
            });
            assertThat(wireBytes(parts)).isEqualTo(kafkaFrame(fetchResponse(first, second), header, version));
        }
    }

    @Test
    void releasingTheFrameLeavesTheSegmentFileOpen() throws IOException {
        try (FileChannel file = FileChannel.open(dir.resolve("segment.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemoryRecords records = records("k", "v");
            file.write(records.buffer());
            short version = ApiKeys.FETCH.latestVersion();
            List<Object> parts = ResponseSerializer.frame(new RequestHeader(ApiKeys.FETCH, version, "client", 1),
                version, fetchResponse(new InFile(file, 0, records.sizeInBytes())));

            for (Object part : parts) {
                assertThat(io.netty.util.ReferenceCountUtil.release(part)).isTrue(); // what Netty does once written
            }

            assertThat(file.isOpen()).isTrue();
        }
    }

    @Test
    void inMemoryRecordsAreTheirOwnBufferAndTheFrameIsKafkasBytes() throws IOException {
        short version = ApiKeys.FETCH.latestVersion();
        RequestHeader header = new RequestHeader(ApiKeys.FETCH, version, "client", 7);
        FetchResponse response = fetchResponse(records("k", "v"), MemoryRecords.EMPTY);

        List<Object> parts = ResponseSerializer.frame(header, version, response);

        assertThat(parts).hasSize(3).allMatch(part -> part instanceof ByteBuf);
        assertThat(wireBytes(parts)).isEqualTo(kafkaFrame(response, header, version));
    }

    @Test
    void aResponseWithoutRecordsIsOneHeapBuffer() throws IOException {
        short version = ApiKeys.API_VERSIONS.latestVersion();
        RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, version, "client", 3);
        ApiVersionsResponse response = new ApiVersionsResponse(new ApiVersionsResponseData()
            .setThrottleTimeMs(5).setApiKeys(new ApiVersionsResponseData.ApiVersionCollection(List.of(
                new ApiVersionsResponseData.ApiVersion().setApiKey((short) 0).setMinVersion((short) 3)
                    .setMaxVersion((short) 11)).iterator())));

        List<Object> parts = ResponseSerializer.frame(header, version, response);

        assertThat(parts).hasSize(1).allMatch(part -> part instanceof ByteBuf);
        assertThat(wireBytes(parts)).isEqualTo(kafkaFrame(response, header, version));
    }

    /** Size prefix, then what kafka-clients' own serialization gives for header and body. */
    private static byte[] kafkaFrame(AbstractResponse response, RequestHeader requestHeader, short version) {
        ByteBuffer headerAndBody = RequestUtils.serialize(
            new ResponseHeaderData().setCorrelationId(requestHeader.correlationId()),
            requestHeader.apiKey().responseHeaderVersion(version), response.data(), version);
        return ByteBuffer.allocate(4 + headerAndBody.remaining()).putInt(headerAndBody.remaining())
            .put(headerAndBody).array();
    }

    private static byte[] wireBytes(List<Object> parts) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WritableByteChannel socket = Channels.newChannel(wire);
        for (Object part : parts) {
            if (part instanceof ByteBuf buffer) {
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.getBytes(buffer.readerIndex(), bytes);
                wire.write(bytes);
            } else {
                FileRegion region = (FileRegion) part;
                while (region.transferred() < region.count()) {
                    region.transferTo(socket, region.transferred());
                }
            }
        }
        return wire.toByteArray();
    }

    private static MemoryRecords records(String... keysAndValues) {
        List<SimpleRecord> records = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            records.add(new SimpleRecord(keysAndValues[i].getBytes(), keysAndValues[i + 1].getBytes()));
        }
        return MemoryRecords.withRecords(Compression.NONE, records.toArray(SimpleRecord[]::new));
    }

    private static FetchResponse fetchResponse(BaseRecords... partitionRecords) {
        List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
        for (int i = 0; i < partitionRecords.length; i++) {
            partitions.add(new FetchResponseData.PartitionData().setPartitionIndex(i)
                .setHighWatermark(2).setLastStableOffset(2).setLogStartOffset(0)
                .setAbortedTransactions(null).setRecords(partitionRecords[i]));
        }
        return FetchResponse.of(new FetchResponseData().setSessionId(0).setResponses(List.of(
            new FetchResponseData.FetchableTopicResponse().setTopic("t").setTopicId(new Uuid(1, 2))
                .setPartitions(partitions))));
    }

    /** Records in a file, as the fetch handlers answer; kafka-clients' Send path must not be used. */
    private record InFile(FileChannel channel, long position, int sizeInBytes) implements FileBackedRecords {
        @Override
        public RecordsSend<? extends BaseRecords> toSend() {
            throw new UnsupportedOperationException("the network layer writes file regions, not Sends");
        }
    }
}
