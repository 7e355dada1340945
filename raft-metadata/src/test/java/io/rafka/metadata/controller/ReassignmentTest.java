package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.ListReassignments;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.image.PartitionRegistration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassignmentTest {

    private final ControllerConfig config = ControllerConfig.DEFAULTS;
    private final TopicPartition tp = new TopicPartition("A", 0);

    private AlterReassignments.Result reassign(ControllerHarness h, List<Integer> target) {
        AlterReassignments.Response response = h.send(new AlterReassignments.Request(
            List.of(new AlterReassignments.Item(tp, target))));
        return response.results().get(0);
    }

    @Test
    void reassignmentAddsNewReplicasThenDropsOldOnesOnceInSync() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3, 4);
        h.createTopic("A", 1, 3); // [1,2,3]
        assertThat(reassign(h, List.of(4, 2, 3)).error().isSuccess()).isTrue();
        PartitionRegistration during = h.partition("A", 0);
        assertThat(during.replicas()).containsExactly(4, 2, 3, 1);
        assertThat(during.addingReplicas()).containsExactly(4);
        assertThat(during.removingReplicas()).containsExactly(1);
        assertThat(during.leader()).isEqualTo(1);
        ListReassignments.Response listed = h.send(new ListReassignments.Request(null));
        assertThat(listed.reassignments()).extracting(ListReassignments.Ongoing::partition).containsExactly(tp);

        h.alterIsr("A", 0, List.of(1, 2, 3, 4)); // the leader reports 4 caught up
        PartitionRegistration after = h.partition("A", 0);
        assertThat(after.replicas()).containsExactly(4, 2, 3);
        assertThat(after.isr()).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(after.addingReplicas()).isEmpty();
        assertThat(after.removingReplicas()).isEmpty();
        assertThat(after.leader()).isEqualTo(4); // the leader was leaving: leadership moved
        assertThat(((ListReassignments.Response) h.send(new ListReassignments.Request(null))).reassignments()).isEmpty();
    }

    @Test
    void reassignmentThatOnlyRemovesCompletesAtOnce() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        assertThat(reassign(h, List.of(2, 3)).error().isSuccess()).isTrue();
        PartitionRegistration p = h.partition("A", 0);
        assertThat(p.replicas()).containsExactly(2, 3);
        assertThat(p.isr()).containsExactly(2, 3);
        assertThat(p.leader()).isEqualTo(2);
    }

    @Test
    void cancelRevertsToTheOriginalReplicas() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3, 4);
        h.createTopic("A", 1, 3);
        reassign(h, List.of(4, 2, 3));
        assertThat(reassign(h, null).error().isSuccess()).isTrue();
        PartitionRegistration p = h.partition("A", 0);
        // NB: the set is restored, not the order: during a reassignment replicas are stored target-first.
        assertThat(p.replicas()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(p.isReassigning()).isFalse();
        assertThat(reassign(h, null).error().error()).isEqualTo(MetadataError.NO_REASSIGNMENT_IN_PROGRESS);
    }

    @Test
    void reassignmentToUnknownBrokerIsRefused() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        assertThat(reassign(h, List.of(1, 9)).error().error()).isEqualTo(MetadataError.INVALID_REPLICA_ASSIGNMENT);
    }
}
