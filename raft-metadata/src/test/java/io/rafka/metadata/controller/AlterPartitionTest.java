package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.image.PartitionRegistration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlterPartitionTest {

    private final ControllerConfig config = ControllerConfig.DEFAULTS.withSessionTimeoutMs(1000);

    @Test
    void isrShrinkAndExpandBumpPartitionEpochOnly() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration before = h.partition("A", 0);
        AlterPartition.Result shrink = h.alterIsr("A", 0, List.of(1, 2));
        assertThat(shrink.error().isSuccess()).isTrue();
        assertThat(shrink.isr()).containsExactly(1, 2);
        assertThat(shrink.partitionEpoch()).isEqualTo(before.partitionEpoch() + 1);
        assertThat(shrink.leaderEpoch()).isEqualTo(before.leaderEpoch());
        AlterPartition.Result expand = h.alterIsr("A", 0, List.of(1, 2, 3));
        assertThat(expand.isr()).containsExactly(1, 2, 3);
    }

    @Test
    void staleLeaderEpochIsRefusedWithFencedLeaderEpoch() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration p = h.partition("A", 0);
        AlterPartition.Result result = h.alterIsr(1, "A", 0, p.leaderEpoch() - 1, p.partitionEpoch(), List.of(1));
        assertThat(result.error().error()).isEqualTo(MetadataError.FENCED_LEADER_EPOCH);
        assertThat(h.partition("A", 0)).isEqualTo(p);
    }

    @Test
    void stalePartitionEpochIsRefusedWithInvalidUpdateVersion() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration p = h.partition("A", 0);
        h.alterIsr("A", 0, List.of(1, 2));
        AlterPartition.Result result = h.alterIsr(1, "A", 0, p.leaderEpoch(), p.partitionEpoch(), List.of(1));
        assertThat(result.error().error()).isEqualTo(MetadataError.INVALID_UPDATE_VERSION);
        assertThat(h.partition("A", 0).isr()).containsExactly(1, 2);
    }

    @Test
    void twoIsrChangesWithTheSamePartitionEpochNeverBothSucceed() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration p = h.partition("A", 0);
        var id = h.committed.topic("A").orElseThrow().id();
        // Both decided before either commits: the controller's view already holds the first.
        var first = h.controller.handle(new AlterPartition.Request(1, h.brokerEpochs.get(1), List.of(
            new AlterPartition.Item(id, 0, p.leaderEpoch(), p.partitionEpoch(), List.of(1, 2)))), h.now());
        var second = h.controller.handle(new AlterPartition.Request(1, h.brokerEpochs.get(1), List.of(
            new AlterPartition.Item(id, 0, p.leaderEpoch(), p.partitionEpoch(), List.of(1, 3)))), h.now());
        assertThat(((AlterPartition.Response) first.response()).results().get(0).error().isSuccess()).isTrue();
        assertThat(((AlterPartition.Response) second.response()).results().get(0).error().error())
            .isEqualTo(MetadataError.INVALID_UPDATE_VERSION);
        assertThat(second.records()).isEmpty();
    }

    @Test
    void nonLeaderCannotChangeIsr() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration p = h.partition("A", 0);
        AlterPartition.Result result = h.alterIsr(2, "A", 0, p.leaderEpoch(), p.partitionEpoch(), List.of(2));
        assertThat(result.error().error()).isEqualTo(MetadataError.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void fencedReplicaCannotJoinTheIsr() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.killBroker(3, 1, 2);
        AlterPartition.Result result = h.alterIsr("A", 0, List.of(1, 2, 3));
        assertThat(result.error().error()).isEqualTo(MetadataError.INELIGIBLE_REPLICA);
    }

    @Test
    void staleBrokerEpochIsRefused() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        PartitionRegistration p = h.partition("A", 0);
        var id = h.committed.topic("A").orElseThrow().id();
        AlterPartition.Response response = h.send(new AlterPartition.Request(1, h.brokerEpochs.get(1) - 1, List.of(
            new AlterPartition.Item(id, 0, p.leaderEpoch(), p.partitionEpoch(), List.of(1)))));
        assertThat(response.error().error()).isEqualTo(MetadataError.STALE_BROKER_EPOCH);
    }
}
