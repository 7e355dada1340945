package io.rafka.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordSerdeTest {

    static final UUID TOPIC = new UUID(1, 2);

    static List<MetadataRecord> oneOfEach() {
        return List.of(
            new RegisterBrokerRecord(1, "inc-1", 7, List.of(new Endpoint("PLAINTEXT", "h", 9092)), "rack-a"),
            new FenceBrokerRecord(1, 7),
            new UnfenceBrokerRecord(1, 7),
            new TopicRecord("orders", TOPIC),
            new PartitionRecord(TOPIC, 0, List.of(1), List.of(1), 1, 0, 0, List.of(), List.of(), null),
            new PartitionChangeRecord(TOPIC, 0, 1, List.of(1), null, null, null,
                new UncleanElection(1, 3, 420, Map.of(2, 80L), 1234)),
            new ConfigRecord(ConfigResource.Type.TOPIC, "orders", "retention.ms", "1000"),
            new ProducerIdsRecord(1, 7, 1000),
            new RemoveTopicRecord(TOPIC),
            new UnregisterBrokerRecord(1, 7));
    }

    @Test
    void everyRecordTypeSurvivesARoundTrip() {
        RecordBatch batch = RecordBatch.of(3, oneOfEach());
        RecordBatch decoded = RecordSerde.deserializeBatch(RecordSerde.serialize(batch));
        assertThat(decoded).isEqualTo(batch);
        assertThat(decoded.records()).extracting(r -> r.getClass()).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void unknownFieldsAreIgnoredSoRecordsCanGrow() {
        String json = "{\"formatVersion\":1,\"controllerTerm\":2,\"records\":[{\"type\":\"FenceBroker\","
            + "\"brokerId\":4,\"brokerEpoch\":9,\"reason\":\"added in a later version\"}]}";
        RecordBatch batch = RecordSerde.deserializeBatch(json.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.records()).containsExactly(new FenceBrokerRecord(4, 9));
    }

    @Test
    void aNewerBatchFormatIsRefused() {
        String json = "{\"formatVersion\":99,\"controllerTerm\":2,\"records\":[]}";
        assertThatThrownBy(() -> RecordSerde.deserializeBatch(json.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(RecordSerde.UnsupportedRecordFormatException.class).hasMessageContaining("99");
    }

    @Test
    void controllerRequestsAndResponsesRoundTrip() {
        ControllerRequest request = new CreateTopics.Request(List.of(new CreateTopics.Topic("t", -1, -1,
            Map.of(0, List.of(1, 2)), Map.of("retention.ms", "5"))), true);
        assertThat(RecordSerde.read(RecordSerde.write(request), ControllerRequest.class)).isEqualTo(request);
        ControllerResponse response = new ControllerResponse.NotController(3);
        assertThat(RecordSerde.read(RecordSerde.write(response), ControllerResponse.class)).isEqualTo(response);
    }
}
