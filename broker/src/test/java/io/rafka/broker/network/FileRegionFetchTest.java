package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordsSend;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fetch responses whose records stay in a file, over both transports: several MiB per response (many
 * partial socket writes of each file region), the record bytes exactly the file's, and a response
 * pipelined behind them still in order.
 */
class FileRegionFetchTest {

    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_PARTITION = 1_500;
    private static final int VALUE_BYTES = 1_024;

    @TempDir
    Path dir;

    @Test
    void epollIsUsedOnLinux() {
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(Epoll.isAvailable()).as("epoll unavailable: %s", Epoll.unavailabilityCause()).isTrue();
            assertThat(NettyTransport.best()).isEqualTo(NettyTransport.EPOLL);
        }
    }

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void recordsInAFileArriveIntactAndInOrder(NettyTransport transport) throws IOException {
        long seed = System.nanoTime();
        System.out.println("FileRegionFetchTest seed " + seed + " transport " + transport);
        Random random = new Random(seed);
        List<MemoryRecords> written = new ArrayList<>();
        try (FileChannel file = FileChannel.open(dir.resolve("segment.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            List<FileBackedRecords> slices = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                MemoryRecords records = randomRecords(random);
                long position = file.size() + random.nextInt(100); // gaps: other data between slices
                file.write(records.buffer(), position);
                written.add(records);
                slices.add(new InFile(file, position, records.sizeInBytes()));
            }
            ApiHandlerRegistry registry = ApiHandlerRegistry.builder()
                .register(handler(ApiKeys.FETCH, request -> fetchResponse(slices)))
                .register(handler(ApiKeys.HEARTBEAT, request ->
                    new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(Errors.NONE.code()))))
                .build();
            try (KafkaServer server = new KafkaServer(NetworkSettings.loopbackEphemeral(), registry,
                    io.rafka.common.Time.SYSTEM, transport)) {
                server.start();
                try (WireClient client = new WireClient(server.boundAddress("PLAINTEXT"))) {
                    var fetchHeader = client.send(fetchRequest());
                    var heartbeatHeader = client.send(new HeartbeatRequest.Builder(new HeartbeatRequestData()
                        .setGroupId("g").setGenerationId(1).setMemberId("m")).build());

                    FetchResponse fetched = (FetchResponse) client.receive(fetchHeader);
                    HeartbeatResponse heartbeat = (HeartbeatResponse) client.receive(heartbeatHeader);

                    List<FetchResponseData.PartitionData> partitions = fetched.data().responses().get(0).partitions();
                    assertThat(partitions).hasSize(PARTITIONS);
                    for (int p = 0; p < PARTITIONS; p++) {
                        assertThat(((MemoryRecords) partitions.get(p).records()).buffer())
                            .as("partition %s (seed %s)", p, seed).isEqualTo(written.get(p).buffer());
                    }
                    assertThat(heartbeat.data().errorCode()).isEqualTo(Errors.NONE.code());
                }
            }
        }
    }

    private static MemoryRecords randomRecords(Random random) {
        SimpleRecord[] records = new SimpleRecord[RECORDS_PER_PARTITION];
        for (int i = 0; i < records.length; i++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            records[i] = new SimpleRecord(("k" + i).getBytes(), value);
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    private static FetchRequest fetchRequest() {
        // What it asks for does not matter: the handler answers with the file slices.
        return FetchRequest.Builder.forConsumer(ApiKeys.FETCH.latestVersion(), 0, 1, Map.of()).build();
    }

    private static FetchResponse fetchResponse(List<FileBackedRecords> slices) {
        List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
        for (int p = 0; p < slices.size(); p++) {
            partitions.add(new FetchResponseData.PartitionData().setPartitionIndex(p).setHighWatermark(RECORDS_PER_PARTITION)
                .setLastStableOffset(RECORDS_PER_PARTITION).setLogStartOffset(0).setAbortedTransactions(null)
                .setRecords(slices.get(p)));
        }
        return FetchResponse.of(new FetchResponseData().setSessionId(0).setResponses(List.of(
            new FetchResponseData.FetchableTopicResponse().setTopic("t").setTopicId(new Uuid(1, 2))
                .setPartitions(partitions))));
    }

    private static ApiHandler handler(ApiKeys api, java.util.function.Function<AbstractRequest, AbstractResponse> answer) {
        return new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return api;
            }

            @Override
            public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
                return CompletableFuture.completedFuture(answer.apply(request));
            }
        };
    }

    private record InFile(FileChannel channel, long position, int sizeInBytes) implements FileBackedRecords {
        @Override
        public RecordsSend<? extends BaseRecords> toSend() {
            throw new UnsupportedOperationException("the network layer writes file regions, not Sends");
        }
    }
}
