package io.rafka.broker.handler.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import io.rafka.log.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Produce rule per test, over a raw socket, against a real node. */
class ProduceRulesTest {

    private static final String TOPIC = "rules";
    private static final String STRICT_TOPIC = "needs-two-replicas";
    private static final String SMALL_TOPIC = "small-batches";

    @TempDir
    static Path dataDir;
    private static RafkaNode node;
    private static int partitionCounter;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dataDir);
        TestNode.createTopic(node, TOPIC, 8, Map.of());
        TestNode.createTopic(node, STRICT_TOPIC, 1, Map.of("min.insync.replicas", "2"));
        TestNode.createTopic(node, SMALL_TOPIC, 1, Map.of("max.message.bytes", "200"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    /** Each test writes to its own partition so that the tests do not see each other's records. */
    private static synchronized int freshPartition() {
        return partitionCounter++;
    }

    @Test
    void corruptBatchIsRefusedWithCorruptMessageAndNothingIsAppended() throws Exception {
        int partition = freshPartition();
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("key".getBytes(),
            "a value whose bytes will be tampered with".getBytes()));
        ByteBuffer tampered = records.buffer().duplicate();
        int lastByte = tampered.limit() - 1;
        tampered.put(lastByte, (byte) (tampered.get(lastByte) ^ 0x5a)); // in the record body: the CRC no longer matches

        ProduceResponseData.PartitionProduceResponse answer = produce(TOPIC, partition, MemoryRecords.readableRecords(tampered), (short) 1);

        assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.CORRUPT_MESSAGE);
        assertThat(log(TOPIC, partition).logEndOffset()).isZero();
    }

    @Test
    void retriedIdempotentBatchIsAcknowledgedWithItsOriginalOffsetAndStoredOnce() throws Exception {
        int partition = freshPartition();
        long producerId = initProducerId();
        MemoryRecords first = idempotent(producerId, 0, "a", "b");
        MemoryRecords second = idempotent(producerId, 2, "c");

        assertThat(produce(TOPIC, partition, first, (short) -1).baseOffset()).isZero();
        assertThat(produce(TOPIC, partition, second, (short) -1).baseOffset()).isEqualTo(2);
        ProduceResponseData.PartitionProduceResponse retry = produce(TOPIC, partition, idempotent(producerId, 2, "c"), (short) -1);

        assertThat(Errors.forCode(retry.errorCode())).isEqualTo(Errors.NONE);
        assertThat(retry.baseOffset()).isEqualTo(2);
        assertThat(log(TOPIC, partition).logEndOffset()).isEqualTo(3);
    }

    @Test
    void sequenceGapIsRefusedWithOutOfOrderSequenceNumber() throws Exception {
        int partition = freshPartition();
        long producerId = initProducerId();
        assertThat(produce(TOPIC, partition, idempotent(producerId, 0, "a"), (short) -1).errorCode()).isZero();

        ProduceResponseData.PartitionProduceResponse gap = produce(TOPIC, partition, idempotent(producerId, 5, "f"), (short) -1);

        assertThat(Errors.forCode(gap.errorCode())).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(log(TOPIC, partition).logEndOffset()).isEqualTo(1);
    }

    @Test
    void olderProducerEpochIsRefusedWithInvalidProducerEpoch() throws Exception {
        int partition = freshPartition();
        long producerId = initProducerId();
        MemoryRecords epochOne = MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 1, 0,
            new SimpleRecord("x".getBytes()));
        MemoryRecords epochZero = MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, 1,
            new SimpleRecord("y".getBytes()));
        assertThat(produce(TOPIC, partition, epochOne, (short) -1).errorCode()).isZero();

        ProduceResponseData.PartitionProduceResponse fenced = produce(TOPIC, partition, epochZero, (short) -1);

        assertThat(Errors.forCode(fenced.errorCode())).isEqualTo(Errors.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void acksAllBelowMinInsyncReplicasIsRefusedWithNotEnoughReplicasAndAcksOneStillWorks() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));

        ProduceResponseData.PartitionProduceResponse all = produce(STRICT_TOPIC, 0, records, (short) -1);
        assertThat(Errors.forCode(all.errorCode())).isEqualTo(Errors.NOT_ENOUGH_REPLICAS);
        assertThat(log(STRICT_TOPIC, 0).logEndOffset()).isZero();

        MemoryRecords again = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
        assertThat(Errors.forCode(produce(STRICT_TOPIC, 0, again, (short) 1).errorCode())).isEqualTo(Errors.NONE);
    }

    @Test
    void timestampFarInTheFutureIsRefusedWithInvalidTimestamp() throws Exception {
        int partition = freshPartition();
        long twoHoursAheadMs = System.currentTimeMillis() + 2 * 3_600_000L;
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
            new SimpleRecord(twoHoursAheadMs, "k".getBytes(), "v".getBytes()));

        ProduceResponseData.PartitionProduceResponse answer = produce(TOPIC, partition, records, (short) 1);

        assertThat(Errors.forCode(answer.errorCode())).isEqualTo(Errors.INVALID_TIMESTAMP);
        assertThat(log(TOPIC, partition).logEndOffset()).isZero();
    }

    @Test
    void batchOverTheTopicsMaxMessageBytesIsRefusedWithMessageTooLarge() throws Exception {
        MemoryRecords large = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[300]));
        MemoryRecords small = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[50]));

        assertThat(Errors.forCode(produce(SMALL_TOPIC, 0, large, (short) 1).errorCode())).isEqualTo(Errors.MESSAGE_TOO_LARGE);
        assertThat(Errors.forCode(produce(SMALL_TOPIC, 0, small, (short) 1).errorCode())).isEqualTo(Errors.NONE);
        assertThat(log(SMALL_TOPIC, 0).logEndOffset()).isEqualTo(1);
    }

    @Test
    void unknownTopicIsAnsweredUnknownTopicOrPartition() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
        assertThat(Errors.forCode(produce("no-such-topic", 0, records, (short) 1).errorCode()))
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void clientsCannotWriteInternalTopics() throws Exception {
        TestNode.createTopic(node, "__consumer_offsets", 1, Map.of());
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
        assertThat(Errors.forCode(produce("__consumer_offsets", 0, records, (short) 1).errorCode()))
            .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION);
        assertThat(log("__consumer_offsets", 0).logEndOffset()).isZero();
    }

    @Test
    void failedAcksZeroProduceClosesTheConnection() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("v".getBytes()));
        try (RawClient client = client()) {
            client.send(produceRequest("no-such-topic", 0, records, (short) 0));
            assertThat(client.closedByServer(10_000)).isTrue();
        }
    }

    @Test
    void transactionalInitProducerIdIsRefused() throws Exception {
        try (RawClient client = client()) {
            InitProducerIdResponse response = client.roundTrip(new InitProducerIdRequest.Builder(
                new InitProducerIdRequestData().setTransactionalId("txn").setTransactionTimeoutMs(60_000))
                .build((short) 4), InitProducerIdResponse.class);
            assertThat(response.error()).isEqualTo(Errors.INVALID_REQUEST);
        }
    }

    @Test
    void producerIdsAreUniqueAcrossRequests() throws Exception {
        long first = initProducerId();
        long second = initProducerId();
        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(second).isNotEqualTo(first);
    }

    // ---------------------------------------------------------------- helpers

    private static RawClient client() throws Exception {
        return new RawClient("127.0.0.1", node.boundPort("PLAINTEXT"));
    }

    private static PartitionLog log(String topic, int partition) {
        return node.logManager().getLog(topic, partition).orElseThrow();
    }

    private static MemoryRecords idempotent(long producerId, int baseSequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes());
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, baseSequence, records);
    }

    private static long initProducerId() throws Exception {
        try (RawClient client = client()) {
            InitProducerIdResponse response = client.roundTrip(new InitProducerIdRequest.Builder(
                new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000))
                .build(ApiKeys.INIT_PRODUCER_ID.latestVersion(false)), InitProducerIdResponse.class);
            assertThat(response.error()).isEqualTo(Errors.NONE);
            assertThat(response.data().producerEpoch()).isZero();
            return response.data().producerId();
        }
    }

    private static ProduceRequest produceRequest(String topic, int partition, MemoryRecords records, short acks) {
        ProduceRequestData data = new ProduceRequestData().setAcks(acks).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topicData = new ProduceRequestData.TopicProduceData().setName(topic);
        topicData.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records));
        data.topicData().add(topicData);
        // v12: the last version that names topics; v13 (topic ids) is exercised by the real producer.
        return new ProduceRequest.Builder((short) 12, (short) 12, data).build((short) 12);
    }

    private static ProduceResponseData.PartitionProduceResponse produce(String topic, int partition,
                                                                        MemoryRecords records, short acks) throws Exception {
        try (RawClient client = client()) {
            ProduceResponse response = client.roundTrip(produceRequest(topic, partition, records, acks), ProduceResponse.class);
            List<ProduceResponseData.TopicProduceResponse> topics = List.copyOf(response.data().responses());
            assertThat(topics).hasSize(1);
            return topics.get(0).partitionResponses().get(0);
        }
    }
}
