package io.rafka.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcksAllPurgatoryTest {

    private final AcksAllPurgatory<String> purgatory = new AcksAllPurgatory<>(3);

    @Test
    void highWatermarkCompletesEveryBatchItPassedInOffsetOrder() {
        purgatory.tryAdd("c", 9, 5_000);
        purgatory.tryAdd("a", 2, 5_000);
        purgatory.tryAdd("b", 5, 5_000);

        List<AcksAllPurgatory.Completion<String>> done = purgatory.onHighWatermark(6, 3, 2);

        assertThat(done).extracting(AcksAllPurgatory.Completion::request).containsExactly("a", "b");
        assertThat(done).extracting(AcksAllPurgatory.Completion::error).containsOnly(ReplicationError.NONE);
        assertThat(purgatory.size()).isEqualTo(1);
    }

    @Test
    void batchEndingAtTheHighWatermarkKeepsWaiting() {
        purgatory.tryAdd("a", 6, 5_000);
        assertThat(purgatory.onHighWatermark(6, 3, 2)).isEmpty();
        assertThat(purgatory.onHighWatermark(7, 3, 2)).hasSize(1);
    }

    @Test
    void batchPassedWhileTheIsrIsBelowMinimumFailsAfterAppend() {
        purgatory.tryAdd("a", 1, 5_000);
        assertThat(purgatory.onHighWatermark(2, 1, 2)).containsExactly(
                new AcksAllPurgatory.Completion<>("a", 1, ReplicationError.NOT_ENOUGH_REPLICAS_AFTER_APPEND));
    }

    @Test
    void requestTimesOutAtItsDeadline() {
        purgatory.tryAdd("early", 1, 1_000);
        purgatory.tryAdd("late", 0, 2_000);
        assertThat(purgatory.expire(999)).isEmpty();
        assertThat(purgatory.expire(1_000)).containsExactly(
                new AcksAllPurgatory.Completion<>("early", 1, ReplicationError.REQUEST_TIMED_OUT));
        // Expired waiters are gone from the offset index too.
        assertThat(purgatory.onHighWatermark(5, 3, 2)).extracting(AcksAllPurgatory.Completion::request).containsExactly("late");
    }

    @Test
    void losingLeadershipFailsEveryWaiter() {
        purgatory.tryAdd("a", 1, 1_000);
        purgatory.tryAdd("b", 2, 1_000);
        assertThat(purgatory.failAll(ReplicationError.NOT_LEADER_OR_FOLLOWER))
                .extracting(AcksAllPurgatory.Completion::error).containsOnly(ReplicationError.NOT_LEADER_OR_FOLLOWER);
        assertThat(purgatory.size()).isZero();
        assertThat(purgatory.expire(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void purgatoryIsBounded() {
        assertThat(purgatory.tryAdd("a", 1, 1_000)).isTrue();
        assertThat(purgatory.tryAdd("b", 1, 1_000)).isTrue();
        assertThat(purgatory.tryAdd("c", 1, 1_000)).isTrue();
        assertThat(purgatory.tryAdd("d", 1, 1_000)).isFalse();
    }
}
