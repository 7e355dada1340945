package io.rafka.broker.handler.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Fetch / OffsetForLeaderEpoch rule per test, over a raw socket, against a real node. */
class FetchRulesTest {

    private static final String TOPIC = "fetched";
    private static final short NAMES_VERSION = 12;
    private static final short IDS_VERSION = 13;

    @TempDir
    static Path dataDir;
    private static RafkaNode node;
    private static int partitionCounter;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dataDir);
        TestNode.createTopic(node, TOPIC, 10, Map.of());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static synchronized int freshPartition() {
        return partitionCounter++;
    }

    @Test
    void fullFetchIsAnsweredInFullWithSessionIdZero() throws Exception {
        int partition = freshPartition();
        produce(partition, "a", "b");
        FetchResponse response = fetch(request(partition, 0, 1 << 20, 0, 0).metadata(FetchMetadata.INITIAL));
        assertThat(response.error()).isEqualTo(Errors.NONE);
        assertThat(response.sessionId()).isEqualTo(FetchMetadata.INVALID_SESSION_ID);
        FetchResponseData.PartitionData data = partitionData(response, partition);
        assertThat(data.highWatermark()).isEqualTo(2);
        assertThat(data.lastStableOffset()).isEqualTo(2);
        assertThat(values(data)).containsExactly("a", "b");
    }

    @Test
    void incrementalFetchOfASessionNeverCreatedGetsFetchSessionIdNotFound() throws Exception {
        int partition = freshPartition();
        FetchResponse response = fetch(request(partition, 0, 1 << 20, 0, 0).metadata(new FetchMetadata(12345, 3)));
        assertThat(response.error()).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND);
        assertThat(response.data().responses()).isEmpty();
    }

    @Test
    void longPollAnswersAsSoonAsMinBytesArrive() throws Exception {
        int partition = freshPartition();
        int parkedBefore = node.replicaManager().parkedFetches();
        long startNs = System.nanoTime();
        CompletableFuture<FetchResponse> parked = CompletableFuture.supplyAsync(() -> {
            try {
                return fetch(request(partition, 0, 1 << 20, 20_000, 1));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> node.replicaManager().parkedFetches() > parkedBefore);
        assertThat(parked).isNotDone();

        produce(partition, "woken");

        FetchResponse response = parked.get(10, TimeUnit.SECONDS);
        assertThat(values(partitionData(response, partition))).containsExactly("woken");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs)).isLessThan(15_000);
    }

    @Test
    void longPollWithoutDataAnswersEmptyAfterMaxWait() throws Exception {
        int partition = freshPartition();
        long startNs = System.nanoTime();
        FetchResponse response = fetch(request(partition, 0, 1 << 20, 400, 1));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertThat(Errors.forCode(partitionData(response, partition).errorCode())).isEqualTo(Errors.NONE);
        assertThat(values(partitionData(response, partition))).isEmpty();
        assertThat(elapsedMs).isGreaterThanOrEqualTo(390);
    }

    @Test
    void partitionMaxBytesLimitsTheAnswerButTheFirstBatchAlwaysComes() throws Exception {
        int partition = freshPartition();
        produce(partition, "first");
        produce(partition, "second");
        produce(partition, "third");

        assertThat(values(partitionData(fetch(request(partition, 0, 1, 0, 0)), partition))).containsExactly("first");
        assertThat(values(partitionData(fetch(request(partition, 0, 1 << 20, 0, 0)), partition)))
            .containsExactly("first", "second", "third");
        assertThat(values(partitionData(fetch(request(partition, 1, 1 << 20, 0, 0)), partition)))
            .containsExactly("second", "third");
    }

    @Test
    void fetchBeyondTheLogEndIsOffsetOutOfRange() throws Exception {
        int partition = freshPartition();
        produce(partition, "only");
        FetchResponseData.PartitionData data = partitionData(fetch(request(partition, 5, 1 << 20, 0, 0)), partition);
        assertThat(Errors.forCode(data.errorCode())).isEqualTo(Errors.OFFSET_OUT_OF_RANGE);
    }

    @Test
    void leaderEpochAheadOfTheBrokersIsUnknownLeaderEpoch() throws Exception {
        int partition = freshPartition();
        int epoch = node.replicaManager().partition(new io.rafka.log.TopicPartition(TOPIC, partition)).orElseThrow().leaderEpoch();
        Map<TopicPartition, FetchRequest.PartitionData> partitions = Map.of(new TopicPartition(TOPIC, partition),
            new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1 << 20, Optional.of(epoch + 1)));
        FetchResponseData.PartitionData data = partitionData(fetch(FetchRequest.Builder.forConsumer(NAMES_VERSION, 0, 0,
            partitions)), partition);
        assertThat(Errors.forCode(data.errorCode())).isEqualTo(Errors.UNKNOWN_LEADER_EPOCH);
    }

    @Test
    void topicIdsAreResolvedAndUnknownOnesAnsweredUnknownTopicId() throws Exception {
        int partition = freshPartition();
        produce(partition, "by-id");
        Uuid topicId = TopicIds.toWire(node.replicaManager().image().topic(TOPIC).orElseThrow().id());
        Map<TopicPartition, FetchRequest.PartitionData> known = Map.of(new TopicPartition(TOPIC, partition),
            new FetchRequest.PartitionData(topicId, 0, -1, 1 << 20, Optional.empty()));
        Map<TopicPartition, FetchRequest.PartitionData> unknown = Map.of(new TopicPartition("ghost", 0),
            new FetchRequest.PartitionData(Uuid.randomUuid(), 0, -1, 1 << 20, Optional.empty()));

        try (RawClient client = client()) {
            FetchResponse byId = client.roundTrip(FetchRequest.Builder.forConsumer(IDS_VERSION, 0, 0, known)
                .build(IDS_VERSION), FetchResponse.class);
            FetchResponseData.PartitionData data = byId.data().responses().get(0).partitions().get(0);
            assertThat(byId.data().responses().get(0).topicId()).isEqualTo(topicId);
            assertThat(values(data)).containsExactly("by-id");

            FetchResponse ghost = client.roundTrip(FetchRequest.Builder.forConsumer(IDS_VERSION, 0, 0, unknown)
                .build(IDS_VERSION), FetchResponse.class);
            assertThat(Errors.forCode(ghost.data().responses().get(0).partitions().get(0).errorCode()))
                .isEqualTo(Errors.UNKNOWN_TOPIC_ID);
        }
    }

    @Test
    void offsetForLeaderEpochAnswersTheLogEndForTheCurrentEpoch() throws Exception {
        int partition = freshPartition();
        produce(partition, "x", "y", "z");
        int epoch = node.replicaManager().partition(new io.rafka.log.TopicPartition(TOPIC, partition)).orElseThrow().leaderEpoch();
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic =
            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(TOPIC);
        topic.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
            .setPartition(partition).setCurrentLeaderEpoch(epoch).setLeaderEpoch(epoch));
        topics.add(topic);
        try (RawClient client = client()) {
            OffsetsForLeaderEpochResponse response = client.roundTrip(OffsetsForLeaderEpochRequest.Builder
                .forConsumer(topics).build((short) 4), OffsetsForLeaderEpochResponse.class);
            OffsetForLeaderEpochResponseData.EpochEndOffset answer = response.data().topics().find(TOPIC).partitions().get(0);
            assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.NONE);
            assertThat(answer.leaderEpoch()).isEqualTo(epoch);
            assertThat(answer.endOffset()).isEqualTo(3);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static RawClient client() throws Exception {
        return new RawClient("127.0.0.1", node.boundPort("PLAINTEXT"));
    }

    private static FetchRequest.Builder request(int partition, long offset, int partitionMaxBytes, int maxWaitMs,
                                                int minBytes) {
        Map<TopicPartition, FetchRequest.PartitionData> partitions = new LinkedHashMap<>();
        partitions.put(new TopicPartition(TOPIC, partition),
            new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1, partitionMaxBytes, Optional.empty()));
        return FetchRequest.Builder.forConsumer(NAMES_VERSION, maxWaitMs, minBytes, partitions);
    }

    private static FetchResponse fetch(FetchRequest.Builder builder) throws Exception {
        try (RawClient client = client()) {
            return client.roundTrip(builder.build(NAMES_VERSION), FetchResponse.class);
        }
    }

    private static FetchResponseData.PartitionData partitionData(FetchResponse response, int partition) {
        return response.responseData(Map.of(), NAMES_VERSION).get(new TopicPartition(TOPIC, partition));
    }

    private static List<String> values(FetchResponseData.PartitionData data) {
        MemoryRecords records = (MemoryRecords) data.records();
        List<String> values = new java.util.ArrayList<>();
        for (RecordBatch batch : records.batches()) {
            batch.forEach(record -> {
                byte[] bytes = new byte[record.valueSize()];
                record.value().get(bytes);
                values.add(new String(bytes));
            });
        }
        return values;
    }

    /** One batch per call, acks=1. */
    private static void produce(int partition, String... values) throws Exception {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes());
        }
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(partition)
            .setRecords(MemoryRecords.withRecords(Compression.NONE, records)));
        data.topicData().add(topic);
        try (RawClient client = client()) {
            ProduceResponse response = client.roundTrip(new ProduceRequest.Builder((short) 12, (short) 12, data)
                .build((short) 12), ProduceResponse.class);
            short error = response.data().responses().iterator().next().partitionResponses().get(0).errorCode();
            assertThat(Errors.forCode(error)).isEqualTo(Errors.NONE);
        }
    }
}
