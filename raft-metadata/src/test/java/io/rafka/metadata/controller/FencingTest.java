package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.BrokerConnectionClosed;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ControlledShutdown;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.api.RegisterBroker;
import io.rafka.metadata.api.UnregisterBroker;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencingTest {

    private final ControllerConfig config = new ControllerConfig(9_000, 1_000, false, false, 300_000, 1, 1);

    @Test
    void brokerSilentForTheSessionTimeoutIsFencedAndLeavesEveryIsr() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 3, 3);
        for (int i = 0; i < 8; i++) {
            h.heartbeatAll(1, 3);
            h.tick(1_000);
        }
        assertThat(h.committed.broker(2).fenced()).isFalse(); // 8 s < 9 s
        h.heartbeatAll(1, 3);
        h.tick(1_000);
        assertThat(h.committed.broker(2).fenced()).isTrue();
        h.committed.topic("A").orElseThrow().partitions().values().forEach(p -> {
            assertThat(p.isr()).doesNotContain(2);
            assertThat(p.leader()).isNotEqualTo(2);
        });
    }

    @Test
    void closedConnectionFencesAfterTheGraceNotTheSessionTimeout() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 3, 3);
        h.send(new BrokerConnectionClosed.Request(2, h.committed.broker(2).epoch()));
        h.tick(999);
        assertThat(h.committed.broker(2).fenced()).isFalse();
        h.tick(1);
        assertThat(h.committed.broker(2).fenced()).isTrue();
        assertThat(h.partition("A", 1).leader()).isEqualTo(3); // A-1 was [2,3,1]
    }

    @Test
    void closedConnectionOfAnEarlierIncarnationDoesNotFenceTheCurrentOne() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.send(new BrokerConnectionClosed.Request(2, h.committed.broker(2).epoch() - 1));
        h.tick(2_000);
        assertThat(h.committed.broker(2).fenced()).isFalse();
    }

    @Test
    void heartbeatWithinTheGraceCancelsFastFencing() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.send(new BrokerConnectionClosed.Request(2, h.committed.broker(2).epoch()));
        h.tick(500);
        h.heartbeat(2);
        h.tick(5_000);
        assertThat(h.committed.broker(2).fenced()).isFalse();
    }

    @Test
    void newControllerGivesEveryBrokerAFreshSessionBeforeFencingAnyone() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.tick(8_000); // nobody heartbeats for 8 s
        h.failOver();
        h.tick(8_000); // the new controller counts from its own start
        assertThat(h.committed.brokers().values()).noneMatch(b -> b.fenced());
        h.tick(1_000);
        assertThat(h.committed.brokers().values()).allMatch(b -> b.fenced());
    }

    @Test
    void brokerIsUnfencedOnlyAfterItCaughtUpWithItsRegistration() {
        ControllerHarness h = new ControllerHarness(config);
        long epoch = h.register(1, null);
        long registrationOffset = h.committed.broker(1).registeredAtOffset();
        BrokerHeartbeat.Response behind = h.send(new BrokerHeartbeat.Request(1, epoch, registrationOffset - 1, false, List.of()));
        assertThat(behind.isFenced()).isTrue();
        BrokerHeartbeat.Response caughtUp = h.send(new BrokerHeartbeat.Request(1, epoch, registrationOffset, false, List.of()));
        assertThat(caughtUp.isFenced()).isFalse();
        assertThat(h.committed.broker(1).fenced()).isFalse();
    }

    @Test
    void controlledShutdownMovesLeadershipAwayThenFences() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 3, 3);
        ControlledShutdown.Response response = h.send(new ControlledShutdown.Request(1, h.brokerEpochs.get(1)));
        assertThat(response.error().isSuccess()).isTrue();
        assertThat(h.committed.broker(1).fenced()).isTrue();
        h.committed.topic("A").orElseThrow().partitions().values().forEach(p -> {
            assertThat(p.leader()).isNotEqualTo(1).isNotEqualTo(-1);
            assertThat(p.isr()).doesNotContain(1);
        });
        // Leadership moves before the fence: the partition changes precede the fence record in the batch.
        List<?> lastBatch = h.log.get(h.log.size() - 1);
        assertThat(lastBatch.get(lastBatch.size() - 1).getClass().getSimpleName()).isEqualTo("FenceBrokerRecord");
    }

    @Test
    void heartbeatWithWantShutdownIsToldToShutDown() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2);
        BrokerHeartbeat.Response response = h.send(new BrokerHeartbeat.Request(1, h.brokerEpochs.get(1),
            h.committed.offset(), true, List.of()));
        assertThat(response.shouldShutDown()).isTrue();
        assertThat(response.isFenced()).isTrue();
    }

    @Test
    void staleBrokerEpochHeartbeatIsRefused() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1);
        BrokerHeartbeat.Response response = h.send(new BrokerHeartbeat.Request(1, h.brokerEpochs.get(1) + 7,
            h.committed.offset(), false, List.of()));
        assertThat(response.error().error()).isEqualTo(MetadataError.STALE_BROKER_EPOCH);
    }

    @Test
    void restartedBrokerWithNewIncarnationGetsAHigherEpochAndStartsFenced() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        long oldEpoch = h.brokerEpochs.get(1);
        long newEpoch = h.register(1, null);
        assertThat(newEpoch).isGreaterThan(oldEpoch);
        assertThat(h.committed.broker(1).fenced()).isTrue();
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
        RegisterBroker.Response retry = h.send(new RegisterBroker.Request(1,
            h.committed.broker(1).incarnationId(), List.of(), null));
        assertThat(retry.brokerEpoch()).isEqualTo(newEpoch);
    }

    @Test
    void unregisteredBrokerLeavesLeadershipAndTheImage() {
        ControllerHarness h = ControllerHarness.withBrokers(config, 1, 2, 3);
        h.createTopic("A", 1, 3);
        UnregisterBroker.Response response = h.send(new UnregisterBroker.Request(1));
        assertThat(response.error().isSuccess()).isTrue();
        assertThat(h.committed.broker(1)).isNull();
        assertThat(h.partition("A", 0).leader()).isEqualTo(2);
        assertThat(h.partition("A", 0).isr()).doesNotContain(1);
        UnregisterBroker.Response again = h.send(new UnregisterBroker.Request(1));
        assertThat(again.error().error()).isEqualTo(MetadataError.BROKER_ID_NOT_REGISTERED);
    }
}
