package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.common.MockTime;
import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControllerRequest;
import io.rafka.metadata.api.ControllerResponse;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.Endpoint;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Drives a {@link MetadataController} the way the event loop does, without Ratis: every result's records
 * "commit" at once into a separate committed image (one log entry per result), on a {@link MockTime}.
 * Not thread-safe.
 */
final class ControllerHarness {

    final MockTime time = new MockTime();
    final ControllerConfig config;
    MetadataController controller;
    MetadataImage committed = MetadataImage.EMPTY;
    final List<List<MetadataRecord>> log = new ArrayList<>();
    final Map<Integer, Long> brokerEpochs = new HashMap<>();
    final Map<Integer, List<BrokerHeartbeat.ReplicaReport>> reports = new HashMap<>();
    private final long seed;

    ControllerHarness(ControllerConfig config) {
        this(config, 42);
    }

    ControllerHarness(ControllerConfig config, long seed) {
        this.config = config;
        this.seed = seed;
        this.controller = new MetadataController(committed, config, new Random(seed), time.milliseconds());
    }

    static ControllerHarness withBrokers(ControllerConfig config, int... brokerIds) {
        ControllerHarness harness = new ControllerHarness(config);
        for (int id : brokerIds) {
            harness.registerAndUnfence(id, null);
        }
        return harness;
    }

    long now() {
        return time.milliseconds();
    }

    @SuppressWarnings("unchecked")
    <T extends ControllerResponse> T send(ControllerRequest request) {
        ControllerResult<? extends ControllerResponse> result = controller.handle(request, now());
        commit(result.records());
        return (T) result.response();
    }

    List<MetadataRecord> tick(long advanceMs) {
        time.advanceMs(advanceMs);
        List<MetadataRecord> records = controller.handleTick(now());
        commit(records);
        return records;
    }

    void commit(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        MetadataDelta delta = new MetadataDelta(committed, committed.offset() + 1);
        delta.replayAll(records);
        committed = delta.apply();
        log.add(records);
        controller.onCommitted(committed);
    }

    /** A new controller takes over from the committed image (leader change). */
    void failOver() {
        controller = new MetadataController(committed, config, new Random(seed + 1), now());
    }

    long register(int brokerId, String rack) {
        RegisterBroker.Response response = send(new RegisterBroker.Request(brokerId, UUID.randomUUID().toString(),
            List.of(new Endpoint("PLAINTEXT", "localhost", 9000 + brokerId)), rack));
        assertThat(response.error().isSuccess()).as("%s", response.error()).isTrue();
        brokerEpochs.put(brokerId, response.brokerEpoch());
        return response.brokerEpoch();
    }

    void registerAndUnfence(int brokerId, String rack) {
        register(brokerId, rack);
        BrokerHeartbeat.Response response = heartbeat(brokerId);
        assertThat(response.isFenced()).isFalse();
    }

    BrokerHeartbeat.Response heartbeat(int brokerId) {
        return send(new BrokerHeartbeat.Request(brokerId, brokerEpochs.get(brokerId), committed.offset(), false,
            reports.getOrDefault(brokerId, List.of())));
    }

    void heartbeatAll(int... brokerIds) {
        for (int id : brokerIds) {
            heartbeat(id);
        }
    }

    void report(int brokerId, String topic, int partition, int lastLeaderEpoch, long logEndOffset) {
        UUID id = committed.topic(topic).orElseThrow().id();
        reports.computeIfAbsent(brokerId, b -> new ArrayList<>())
            .add(new BrokerHeartbeat.ReplicaReport(id, partition, lastLeaderEpoch, logEndOffset));
    }

    CreateTopics.Result createTopic(String name, int partitions, int replicationFactor) {
        CreateTopics.Response response = send(new CreateTopics.Request(
            List.of(CreateTopics.Topic.of(name, partitions, replicationFactor)), false));
        return response.results().get(0);
    }

    PartitionRegistration partition(String topic, int partition) {
        return committed.partition(new TopicPartition(topic, partition)).orElseThrow();
    }

    AlterPartition.Result alterIsr(String topic, int partition, List<Integer> newIsr) {
        PartitionRegistration p = partition(topic, partition);
        return alterIsr(p.leader(), topic, partition, p.leaderEpoch(), p.partitionEpoch(), newIsr);
    }

    AlterPartition.Result alterIsr(int leader, String topic, int partition, int leaderEpoch, int partitionEpoch,
                                   List<Integer> newIsr) {
        UUID id = committed.topic(topic).orElseThrow().id();
        AlterPartition.Response response = send(new AlterPartition.Request(leader, brokerEpochs.get(leader),
            List.of(new AlterPartition.Item(id, partition, leaderEpoch, partitionEpoch, newIsr))));
        assertThat(response.error().isSuccess()).as("%s", response.error()).isTrue();
        return response.results().get(0);
    }

    /** Silences a broker until its session expires: the controller fences it. */
    void killBroker(int brokerId, int... survivors) {
        long stepMs = Math.max(1, config.sessionTimeoutMs() / 4);
        for (long elapsed = 0; elapsed <= config.sessionTimeoutMs(); elapsed += stepMs) {
            heartbeatAll(survivors);
            tick(stepMs);
        }
        assertThat(committed.broker(brokerId).fenced()).as("broker %s fenced", brokerId).isTrue();
    }
}
