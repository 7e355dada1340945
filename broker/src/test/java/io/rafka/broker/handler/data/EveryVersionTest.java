package io.rafka.broker.handler.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every version this node advertises for a data-plane API is answered with a response that serializes at that
 * version and reports no error: old clients (librdkafka, kafkajs) negotiate versions the Java client never uses.
 */
class EveryVersionTest {

    private static final String TOPIC = "versions";

    @TempDir
    static Path dataDir;
    private static RafkaNode node;
    private static Uuid topicId;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dataDir);
        TestNode.createTopic(node, TOPIC, 1, Map.of());
        topicId = TopicIds.toWire(node.replicaManager().image().topic(TOPIC).orElseThrow().id());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyAdvertisedVersionOfEveryDataPlaneApiIsAnswered() throws Exception {
        try (RawClient client = new RawClient("127.0.0.1", node.boundPort("PLAINTEXT"))) {
            ApiVersionsResponse versions = client.roundTrip(new ApiVersionsRequest.Builder().build((short) 3),
                ApiVersionsResponse.class);
            for (ApiKeys api : List.of(ApiKeys.PRODUCE, ApiKeys.FETCH, ApiKeys.LIST_OFFSETS, ApiKeys.METADATA,
                    ApiKeys.OFFSET_FOR_LEADER_EPOCH, ApiKeys.DELETE_RECORDS, ApiKeys.INIT_PRODUCER_ID)) {
                var range = versions.apiVersion(api.id);
                assertThat(range).as("%s is advertised", api).isNotNull();
                for (short version = range.minVersion(); version <= range.maxVersion(); version++) {
                    AbstractResponse response = client.roundTrip(request(api, version), AbstractResponse.class);
                    assertThat(response.errorCounts().keySet()).as("%s v%s: %s", api, version, response)
                        .containsOnly(Errors.NONE);
                }
            }
        }
    }

    private static AbstractRequest request(ApiKeys api, short version) {
        return switch (api) {
            case PRODUCE -> produce(version);
            case FETCH -> FetchRequest.Builder.forConsumer(version, 0, 0, Map.of(new TopicPartition(TOPIC, 0),
                new FetchRequest.PartitionData(version >= 13 ? topicId : Uuid.ZERO_UUID, 0, -1, 1 << 20,
                    java.util.Optional.empty()))).build(version);
            case LIST_OFFSETS -> listOffsets(version);
            // Built from the data: kafka-clients' builder refuses v0, which brokers still serve.
            case METADATA -> new MetadataRequest(new MetadataRequestData().setTopics(
                MetadataRequest.convertToMetadataRequestTopic(List.of(TOPIC))), version);
            case OFFSET_FOR_LEADER_EPOCH -> offsetForLeaderEpoch(version);
            case DELETE_RECORDS -> deleteRecords(version);
            case INIT_PRODUCER_ID -> new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                .setTransactionalId(null).setTransactionTimeoutMs(60_000)).build(version);
            default -> throw new IllegalArgumentException(api.toString());
        };
    }

    private static AbstractRequest produce(short version) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topic = version >= 13
            ? new ProduceRequestData.TopicProduceData().setTopicId(topicId)
            : new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0)
            .setRecords(MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(("v" + version).getBytes()))));
        data.topicData().add(topic);
        return new ProduceRequest.Builder(version, version, data).build(version);
    }

    private static AbstractRequest listOffsets(short version) {
        ListOffsetsRequestData.ListOffsetsTopic topic = new ListOffsetsRequestData.ListOffsetsTopic().setName(TOPIC);
        topic.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0)
            .setTimestamp(ListOffsetsRequest.LATEST_TIMESTAMP));
        return ListOffsetsRequest.Builder.forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
            .setTargetTimes(List.of(topic)).build(version);
    }

    private static AbstractRequest offsetForLeaderEpoch(short version) {
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection topics =
            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection();
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic =
            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(TOPIC);
        topic.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0)
            .setCurrentLeaderEpoch(-1).setLeaderEpoch(0));
        topics.add(topic);
        // Built from the data: the consumer builder starts at v3, the first version with a replica id.
        return new OffsetsForLeaderEpochRequest(new OffsetForLeaderEpochRequestData().setTopics(topics)
            .setReplicaId(version >= 3 ? OffsetsForLeaderEpochRequest.CONSUMER_REPLICA_ID
                : OffsetsForLeaderEpochRequest.DEBUGGING_REPLICA_ID), version);
    }

    private static AbstractRequest deleteRecords(short version) {
        DeleteRecordsRequestData data = new DeleteRecordsRequestData().setTimeoutMs(10_000);
        DeleteRecordsRequestData.DeleteRecordsTopic topic = new DeleteRecordsRequestData.DeleteRecordsTopic().setName(TOPIC);
        topic.partitions().add(new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(0));
        data.topics().add(topic);
        return new DeleteRecordsRequest.Builder(data).build(version);
    }
}
