package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.record.UncleanElection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElectionTest {

    private final ControllerConfig config = ControllerConfig.DEFAULTS.withSessionTimeoutMs(1000)
        .withAutoLeaderRebalance(false, 60_000);

    @Test
    void cleanElectionPicksFirstIsrReplicaInAssignmentOrder() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3); // [1,2,3]
        h.alterIsr("A", 0, List.of(1, 3)); // 2 fell behind
        int epochBefore = h.partition("A", 0).leaderEpoch();
        h.killBroker(1, 2, 3);
        PartitionRegistration p = h.partition("A", 0);
        assertThat(p.leader()).isEqualTo(3); // 2 comes first in assignment order but is not in the ISR
        assertThat(p.isr()).containsExactly(3);
        assertThat(p.leaderEpoch()).isEqualTo(epochBefore + 1);
        assertThat(p.lastUncleanElection()).isNull();
    }

    @Test
    void partitionGoesOfflineWhenNoIsrMemberIsAliveAndUncleanIsDisabled() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.killBroker(1, 2, 3);
        PartitionRegistration p = h.partition("A", 0);
        assertThat(p.leader()).isEqualTo(PartitionRegistration.NO_LEADER);
        assertThat(p.isr()).containsExactly(1); // who the partition waits for
    }

    @Test
    void offlinePartitionRecoversByItselfWhenAnIsrMemberReturns() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.killBroker(1, 2, 3);
        h.registerAndUnfence(1, null);
        PartitionRegistration p = h.partition("A", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.lastUncleanElection()).isNull();
    }

    @Test
    void uncleanElectionPicksReplicaWithMostDataAndRecordsTheLoss() {
        ControllerHarness h = ControllerHarness.withBrokers(config.withUncleanLeaderElectionEnable(true), 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.report(1, "A", 0, 1, 500);
        h.report(2, "A", 0, 1, 300);
        h.report(3, "A", 0, 1, 420);
        h.heartbeatAll(1, 2, 3);
        h.killBroker(1, 2, 3);
        PartitionRegistration p = h.partition("A", 0);
        assertThat(p.leader()).isEqualTo(3);
        assertThat(p.isr()).containsExactly(3);
        UncleanElection loss = p.lastUncleanElection();
        assertThat(loss.leaderId()).isEqualTo(3);
        assertThat(loss.logEndOffset()).isEqualTo(420);
        assertThat(loss.offsetsToDropByReplica()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 80L, 2, 0L));
    }

    @Test
    void uncleanElectionPrefersHigherLeaderEpochOverLongerLog() {
        ControllerHarness h = ControllerHarness.withBrokers(config.withUncleanLeaderElectionEnable(true), 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.report(2, "A", 0, 3, 100);
        h.report(3, "A", 0, 2, 900);
        h.heartbeatAll(2, 3);
        h.killBroker(1, 2, 3);
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
    }

    @Test
    void enablingUncleanOnTheTopicElectsAnOfflinePartition() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.killBroker(1, 2, 3);
        assertThat(h.partition("A", 0).hasLeader()).isFalse();
        IncrementalAlterConfigs.Response response = h.send(new IncrementalAlterConfigs.Request(List.of(
            new IncrementalAlterConfigs.Resource(ConfigResource.topic("A"), List.of(new IncrementalAlterConfigs.Op(
                "unclean.leader.election.enable", IncrementalAlterConfigs.OpType.SET, "true")))), false));
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
        h.tick(1);
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
        assertThat(h.partition("A", 0).lastUncleanElection()).isNotNull();
    }

    @Test
    void uncleanElectionOnDemandEvenWhenDisabled() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.alterIsr("A", 0, List.of(1));
        h.killBroker(1, 2, 3);
        ElectLeaders.Response response = h.send(new ElectLeaders.Request(ElectLeaders.ElectionType.UNCLEAN,
            List.of(new TopicPartition("A", 0))));
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
    }

    @Test
    void preferredElectionOnDemandRestoresFirstReplica() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.killBroker(1, 2, 3);
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
        TopicPartition tp = new TopicPartition("A", 0);
        ElectLeaders.Response notYet = h.send(new ElectLeaders.Request(ElectLeaders.ElectionType.PREFERRED, List.of(tp)));
        assertThat(notYet.results().get(0).error().error()).isEqualTo(MetadataError.PREFERRED_LEADER_NOT_AVAILABLE);
        h.registerAndUnfence(1, null);
        h.alterIsr("A", 0, List.of(2, 3, 1));
        ElectLeaders.Response response = h.send(new ElectLeaders.Request(ElectLeaders.ElectionType.PREFERRED, List.of(tp)));
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
        assertThat(h.partition("A", 0).leader()).isEqualTo(1);
        ElectLeaders.Response again = h.send(new ElectLeaders.Request(ElectLeaders.ElectionType.PREFERRED, List.of(tp)));
        assertThat(again.results().get(0).error().error()).isEqualTo(MetadataError.ELECTION_NOT_NEEDED);
    }

    @Test
    void autoRebalanceRestoresPreferredLeaderOnItsInterval() {
        ControllerHarness h = ControllerHarness.withBrokers(
            config.withAutoLeaderRebalance(true, 5_000), 1, 2, 3);
        h.createTopic("A", 1, 3);
        h.killBroker(1, 2, 3);
        h.registerAndUnfence(1, null);
        h.alterIsr("A", 0, List.of(2, 3, 1));
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            h.heartbeatAll(1, 2, 3);
            h.tick(500);
        }
        assertThat(h.partition("A", 0).leader()).isEqualTo(1);
    }
}
