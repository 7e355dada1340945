package io.rafka.cli.partitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.junit.jupiter.api.Test;

class ReassignProgressTest {

    @Test
    void lineShowsBarPartitionsBytesRateAndEta() {
        ReassignProgress progress = new ReassignProgress(3, 10, OptionalLong.of(120_000_000),
                OptionalLong.of(300_000_000), 0, 10_000);

        assertThat(progress.render()).isEqualTo(
                "[########............]  40%  3/10 partitions, 120.0 MB of 300.0 MB copied, 12.0 MB/s, ETA 15s");
    }

    @Test
    void withoutSizesTheBarFollowsPartitions() {
        ReassignProgress progress = new ReassignProgress(1, 4, OptionalLong.empty(), OptionalLong.empty(), 0, 5_000);

        assertThat(progress.render()).isEqualTo("[#####...............]  25%  1/4 partitions");
    }

    @Test
    void rateCountsOnlyBytesCopiedDuringThisWait() {
        ReassignProgress progress = new ReassignProgress(0, 1, OptionalLong.of(3_000), OptionalLong.of(10_000), 1_000, 2_000);

        assertThat(progress.rateBytesPerSecond()).hasValue(1_000);
        assertThat(progress.etaSeconds()).hasValue(7);
    }

    @Test
    void copiedBytesCountOnlyAddedReplicasCappedAtTheLeadersSize() {
        TopicPartition partition = new TopicPartition("t", 0);
        Map<TopicPartitionReplica, Long> sizes = Map.of(
                new TopicPartitionReplica("t", 0, 1), 1_000L,
                new TopicPartitionReplica("t", 0, 4), 400L,
                new TopicPartitionReplica("t", 0, 5), 1_200L);

        CopiedBytes bytes = CopiedBytes.of(Map.of(partition, List.of(4, 5, 6)), Map.of(partition, 1), sizes).orElseThrow();

        assertThat(bytes).isEqualTo(new CopiedBytes(1_400, 3_000));
    }

    @Test
    void addedReplicasAreTargetMinusOriginal() {
        ReassignmentPlan plan = new ReassignmentPlan(List.of(new PartitionMove("t", 0, List.of(3, 1, 4))));

        assertThat(ReassignmentWaiter.addedReplicas(plan, Map.of(new TopicPartition("t", 0), List.of(1, 2, 3))))
                .containsEntry(new TopicPartition("t", 0), List.of(4));
    }

    @Test
    void partitionStateJudgesOrderAndOngoing() {
        assertThat(PartitionState.of(List.of(1, 2), List.of(1, 2), false)).isEqualTo(PartitionState.COMPLETE);
        assertThat(PartitionState.of(List.of(1, 2, 3), List.of(1, 2), true)).isEqualTo(PartitionState.IN_PROGRESS);
        assertThat(PartitionState.of(List.of(2, 1), List.of(1, 2), false)).isEqualTo(PartitionState.NOT_APPLIED);
    }

    @Test
    void unitsAreReadable() {
        assertThat(Units.bytes(999)).isEqualTo("999 B");
        assertThat(Units.bytes(1_500_000_000L)).isEqualTo("1.5 GB");
        assertThat(Units.duration(187)).isEqualTo("3m07s");
        assertThat(Units.duration(7_500)).isEqualTo("2h05m");
    }
}
