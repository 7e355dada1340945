package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.ApiError;
import io.rafka.metadata.api.CreatePartitions;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.MetadataError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private final ControllerConfig config = ControllerConfig.DEFAULTS;

    @Test
    void designExampleHoldsExactly() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 2, 3);
        h.createTopic("B", 2, 3);
        assertThat(h.partition("A", 0).replicas()).containsExactly(1, 2, 3);
        assertThat(h.partition("A", 1).replicas()).containsExactly(2, 3, 1);
        assertThat(h.partition("B", 0).replicas()).containsExactly(3, 1, 2);
        assertThat(h.partition("B", 1).replicas()).containsExactly(1, 2, 3);
        assertThat(h.partition("A", 1).leader()).isEqualTo(2);
        assertThat(h.partition("B", 0).isr()).containsExactly(3, 1, 2);
    }

    @Test
    void preferredLeadersSpreadEvenly() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3, 4);
        h.createTopic("t", 12, 2);
        Map<Integer, Long> leaders = h.committed.topic("t").orElseThrow().partitions().values().stream()
            .collect(java.util.stream.Collectors.groupingBy(p -> p.leader(), java.util.stream.Collectors.counting()));
        assertThat(leaders).containsOnly(Map.entry(1, 3L), Map.entry(2, 3L), Map.entry(3, 3L), Map.entry(4, 3L));
    }

    @Test
    void replicationFactorAboveUnfencedBrokersIsRefused() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.register(4, null); // registered but still fenced: not eligible
        CreateTopics.Result result = h.createTopic("t", 1, 4);
        assertThat(result.error().error()).isEqualTo(MetadataError.INVALID_REPLICATION_FACTOR);
        assertThat(result.error().message()).contains("only 3 broker(s) are registered");
        assertThat(h.committed.topic("t")).isEmpty();
    }

    @Test
    void fencedBrokersGetNoNewReplicas() {
        ControllerHarness h = ControllerHarness.withBrokers(config.withSessionTimeoutMs(1000), 1, 2, 3);
        h.killBroker(2, 1, 3);
        h.createTopic("t", 4, 2);
        h.committed.topic("t").orElseThrow().partitions().values()
            .forEach(p -> assertThat(p.replicas()).doesNotContain(2));
    }

    @Test
    void rackAwarePlacementPutsReplicasInDifferentRacks() {
        ControllerHarness h = new ControllerHarness(config);
        h.registerAndUnfence(1, "a");
        h.registerAndUnfence(2, "a");
        h.registerAndUnfence(3, "b");
        h.registerAndUnfence(4, "b");
        h.registerAndUnfence(5, "c");
        h.registerAndUnfence(6, "c");
        h.createTopic("t", 6, 3);
        Map<Integer, String> rackOf = Map.of(1, "a", 2, "a", 3, "b", 4, "b", 5, "c", 6, "c");
        h.committed.topic("t").orElseThrow().partitions().values().forEach(p ->
            assertThat(p.replicas().stream().map(rackOf::get).distinct()).hasSize(3));
    }

    @Test
    void createPartitionsContinuesTheStaggerWithTheTopicsReplicationFactor() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 2, 3);
        CreatePartitions.Response response = h.send(new CreatePartitions.Request(
            List.of(new CreatePartitions.Topic("A", 4, null)), false));
        assertThat(response.results().get(0).error()).isEqualTo(ApiError.NONE);
        assertThat(h.partition("A", 2).replicas()).containsExactly(3, 1, 2);
        assertThat(h.partition("A", 3).replicas()).containsExactly(1, 2, 3);
        CreatePartitions.Response shrink = h.send(new CreatePartitions.Request(
            List.of(new CreatePartitions.Topic("A", 3, null)), false));
        assertThat(shrink.results().get(0).error().error()).isEqualTo(MetadataError.INVALID_PARTITIONS);
        assertThat(shrink.results().get(0).error().message())
            .isEqualTo("Topic currently has 4 partitions, which is higher than the requested 3.");
    }

    @Test
    void explicitAssignmentIsUsedAsGiven() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        CreateTopics.Response response = h.send(new CreateTopics.Request(List.of(new CreateTopics.Topic("t", -1, -1,
            Map.of(0, List.of(3, 2), 1, List.of(2, 1)), Map.of())), false));
        assertThat(response.results().get(0).error()).isEqualTo(ApiError.NONE);
        assertThat(h.partition("t", 0).replicas()).containsExactly(3, 2);
        assertThat(h.partition("t", 1).leader()).isEqualTo(2);
    }
}
