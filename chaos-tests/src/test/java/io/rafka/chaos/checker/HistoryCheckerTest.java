package io.rafka.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.chaos.checker.Anomaly.Kind;
import io.rafka.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on hand-written histories: each anomaly alone, and clean histories that must pass. */
class HistoryCheckerTest {

    /** A tiny history builder: sends are acknowledged at the given offset of partition 0 of topic "t". */
    private static final class H {
        final List<Op> ops = new ArrayList<>();
        long now = 0;

        H acked(String value, long offset) {
            return acked(value, 0, offset);
        }

        H acked(String value, int partition, long offset) {
            ops.add(Op.invokeSend(now++, "producer-1", "t", value));
            ops.add(Op.okSend(now++, "producer-1", "t", partition, offset, value));
            return this;
        }

        H unknown(String value) {
            ops.add(Op.invokeSend(now++, "producer-1", "t", value));
            ops.add(Op.infoSend(now++, "producer-1", "t", value, "TimeoutException"));
            return this;
        }

        H failed(String value) {
            ops.add(Op.invokeSend(now++, "producer-1", "t", value));
            ops.add(Op.failSend(now++, "producer-1", "t", value, "InvalidTopicException"));
            return this;
        }

        H read(String process, long offset, String value) {
            return read(process, 0, offset, value);
        }

        H read(String process, int partition, long offset, String value) {
            ops.add(Op.poll(now++, process, "t", partition, offset, value));
            return this;
        }

        H finalRead(long offset, String value) {
            return read(HistoryChecker.FINAL_READER, offset, value);
        }

        CheckResult check() {
            return HistoryChecker.check(ops);
        }
    }

    @Test
    void everyAcknowledgedValueReadOnceInOrderIsValid() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2)
            .read("reader-1", 0, "a").read("reader-1", 1, "b")
            .finalRead(0, "a").finalRead(1, "b").finalRead(2, "c").check();
        assertThat(result.anomalies()).isEmpty();
        assertThat(result.counts().sendsOk()).isEqualTo(3);
        assertThat(result.counts().finalReads()).isEqualTo(3);
    }

    @Test
    void unknownOutcomesMayOrMayNotBeRead() {
        CheckResult result = new H().acked("a", 0).unknown("x").unknown("y").acked("b", 2).failed("z")
            .finalRead(0, "a").finalRead(1, "x").finalRead(2, "b").check();
        assertThat(result.anomalies()).isEmpty();
        assertThat(result.counts().sendsUnknown()).isEqualTo(2);
        assertThat(result.counts().sendsFailed()).isEqualTo(1);
    }

    @Test
    void acknowledgedValueSkippedByFinalReadsIsALostWrite() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2)
            .finalRead(0, "a").finalRead(2, "c").check();
        assertThat(result.of(Kind.LOST_WRITE)).singleElement()
            .satisfies(a -> assertThat(a.offset()).isEqualTo(1))
            .satisfies(a -> assertThat(a.detail()).contains("value b"));
        assertThat(result.anomalies()).hasSize(1);
    }

    @Test
    void valueSeenDuringTheRunButGoneAtTheEndIsStillLost() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2)
            .read("reader-1", 0, "a").read("reader-1", 1, "b")
            .finalRead(0, "a").finalRead(2, "c").check();
        assertThat(result.byKind().get(Kind.LOST_WRITE)).isEqualTo(1);
    }

    @Test
    void acknowledgedValuesBeyondTheFinalReadsAreUnseen() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 0, 0 + 2)
            .finalRead(0, "a").check();
        assertThat(result.of(Kind.UNSEEN)).extracting(Anomaly::offset).containsExactly(1L, 2L);
        assertThat(result.of(Kind.LOST_WRITE)).isEmpty();
    }

    @Test
    void acknowledgedValueInAPartitionNobodyReadIsUnseen() {
        CheckResult result = new H().acked("a", 0, 0).acked("b", 1, 0).finalRead(0, "a").check();
        assertThat(result.of(Kind.UNSEEN)).singleElement().satisfies(a -> assertThat(a.partition()).isEqualTo(1));
    }

    @Test
    void oneValueAtTwoOffsetsIsADuplicate() {
        CheckResult result = new H().acked("a", 0).acked("b", 1)
            .finalRead(0, "a").finalRead(1, "b").finalRead(2, "a").check();
        assertThat(result.of(Kind.DUPLICATE)).singleElement()
            .satisfies(a -> assertThat(a.detail()).contains("value a").contains("t-0@0").contains("t-0@2"));
    }

    @Test
    void unknownSendWrittenTwiceIsADuplicate() {
        CheckResult result = new H().acked("a", 0).unknown("x")
            .finalRead(0, "a").finalRead(1, "x").finalRead(2, "x").check();
        assertThat(result.byKind().get(Kind.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void twoValuesAtOneOffsetAreInconsistent() {
        CheckResult result = new H().acked("a", 0).acked("b", 1)
            .read("reader-1", 0, "a").read("reader-1", 1, "b")
            .read("reader-2", 0, "a").read("reader-2", 1, "c")
            .finalRead(0, "a").finalRead(1, "b").check();
        assertThat(result.of(Kind.INCONSISTENT_OFFSET)).singleElement()
            .satisfies(a -> assertThat(a.offset()).isEqualTo(1))
            .satisfies(a -> assertThat(a.detail()).contains("b").contains("c"));
        // "c" was never sent either: both rules fire on the same evidence.
        assertThat(result.of(Kind.NEVER_SENT)).hasSize(1);
    }

    @Test
    void acknowledgementAndReadDisagreeingOnAnOffsetIsInconsistent() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).unknown("x")
            .finalRead(0, "a").finalRead(1, "x").check();
        assertThat(result.of(Kind.INCONSISTENT_OFFSET)).singleElement()
            .satisfies(a -> assertThat(a.offset()).isEqualTo(1));
        assertThat(result.of(Kind.UNSEEN)).hasSize(1);
    }

    @Test
    void consumerGoingBackwardsIsNonMonotonic() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2)
            .read("reader-1", 0, "a").read("reader-1", 1, "b").read("reader-1", 1, "b").read("reader-1", 2, "c")
            .finalRead(0, "a").finalRead(1, "b").finalRead(2, "c").check();
        assertThat(result.of(Kind.NON_MONOTONIC)).singleElement()
            .satisfies(a -> assertThat(a.detail()).contains("reader-1").contains("offset 1 after 1"));
        assertThat(result.anomalies()).hasSize(1);
    }

    @Test
    void readsOfDifferentPartitionsOrProcessesAreOrderedSeparately() {
        CheckResult result = new H().acked("a", 0, 0).acked("b", 1, 0).acked("c", 0, 1)
            .read("reader-1", 0, 0, "a").read("reader-1", 1, 0, "b").read("reader-1", 0, 1, "c")
            .read("reader-2", 0, 0, "a")
            .read(HistoryChecker.FINAL_READER, 0, 0, "a").read(HistoryChecker.FINAL_READER, 0, 1, "c")
            .read(HistoryChecker.FINAL_READER, 1, 0, "b").check();
        assertThat(result.anomalies()).isEmpty();
    }

    @Test
    void consumerJumpingOverExistingOffsetsSkips() {
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2)
            .read("reader-1", 0, "a").read("reader-1", 2, "c")
            .finalRead(0, "a").finalRead(1, "b").finalRead(2, "c").check();
        assertThat(result.of(Kind.POLL_SKIP)).singleElement()
            .satisfies(a -> assertThat(a.detail()).contains("jumped from 0 to 2"));
    }

    @Test
    void gapNobodyKnowsAboutIsNotASkip() {
        // Offset 1 held an unknown-outcome send that nobody read: a gap, not evidence of a skip.
        CheckResult result = new H().acked("a", 0).unknown("x").acked("c", 2)
            .read("reader-1", 0, "a").read("reader-1", 2, "c")
            .finalRead(0, "a").finalRead(2, "c").check();
        assertThat(result.anomalies()).isEmpty();
    }

    @Test
    void valueNoProducerSentIsNeverSent() {
        CheckResult result = new H().acked("a", 0)
            .finalRead(0, "a").finalRead(1, "ghost").check();
        assertThat(result.of(Kind.NEVER_SENT)).singleElement()
            .satisfies(a -> assertThat(a.detail()).contains("ghost"));
        assertThat(result.anomalies()).hasSize(1);
    }

    @Test
    void uncleanElectionShowsAsLossPlusReusedOffsets() {
        // Leader acknowledged b and c at 1..2 alone, died; the new leader wrote d, e at 1..2.
        CheckResult result = new H().acked("a", 0).acked("b", 1).acked("c", 2).acked("d", 1).acked("e", 2)
            .finalRead(0, "a").finalRead(1, "d").finalRead(2, "e").check();
        assertThat(result.count(Kind.LOST_WRITE, "t") + result.count(Kind.UNSEEN, "t")).isEqualTo(2);
        assertThat(result.count(Kind.INCONSISTENT_OFFSET, "t")).isEqualTo(2);
        assertThat(result.count(Kind.DUPLICATE, "t")).isZero();
    }
}
