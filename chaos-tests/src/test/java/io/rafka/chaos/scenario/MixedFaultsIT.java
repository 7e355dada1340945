package io.rafka.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.chaos.ChaosRun;
import io.rafka.chaos.ChaosSettings;
import io.rafka.chaos.checker.CheckResult;
import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.Nemesis;
import io.rafka.chaos.workload.ProducerWorkload;
import io.rafka.chaos.workload.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: RF 3, min.insync.replicas=2, unclean election off, a seeded mix of kill -9, pause and iptables
 * partitions for chaos.time seconds. No acknowledged write may be lost, duplicated or moved, no read may go
 * backwards or skip; after healing every partition has a leader and every partition takes writes again.
 */
class MixedFaultsIT {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 6;

    @BeforeAll
    static void requireDocker() {
        DockerRequired.check();
    }

    @Test
    void noAcknowledgedWriteIsLostDuplicatedOrReorderedUnderMixedFaults() throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        try (ChaosRun run = ChaosRun.start("mixed", settings, settings.nodes(), Map.of())) {
            assertThat(run.createTopic(new NewTopic(TOPIC, PARTITIONS, (short) Math.min(3, settings.nodes())),
                Duration.ofSeconds(30))).isTrue();
            assertThat(run.awaitHealthy(List.of(TOPIC), Duration.ofSeconds(30))).isTrue();
            Nemesis nemesis = new Nemesis(run.cluster(), run.history(), settings.seed(), TOPIC);
            List<TopicPartition> partitions = run.partitionsOf(List.of(TOPIC));
            long healedAtMs;
            List<String> notes = new ArrayList<>();
            try (ProducerWorkload producers = new ProducerWorkload(run.history(), "producer", run.cluster().bootstrapServers(),
                     List.of(TOPIC), 2, 50, settings.seed());
                 Reader reader = Reader.startContinuous(run.history(), "reader-1", run.cluster().bootstrapServers(),
                     partitions)) {
                producers.start();
                Thread.sleep(3_000);
                nemesis.runSchedule(settings.nemesis(), settings.timeSeconds() * 1000, 2_000, 5_000, 3_000);
                run.cluster().healAll();
                healedAtMs = run.history().append(t -> Op.nemesis(t, "healed all")).timeMs();
                boolean healthy = run.awaitHealthy(List.of(TOPIC), Duration.ofSeconds(60));
                notes.add("healthy after heal: " + healthy + " " + run.unhealthy(List.of(TOPIC)));
                Thread.sleep(5_000); // producers must succeed again on every partition
            }
            List<TopicPartition> unread = run.finalRead(List.of(TOPIC));
            notes.add("final read incomplete for " + unread);
            Set<Integer> writtenAfterHeal = new HashSet<>();
            run.history().snapshot().stream()
                .filter(op -> op.isSend() && op.type() == Op.Type.ok && op.timeMs() > healedAtMs)
                .forEach(op -> writtenAfterHeal.add(op.partition()));
            notes.add("partitions acknowledging writes after heal: " + writtenAfterHeal);
            CheckResult result = run.checkAndReport(nemesis.windows(), notes);

            assertThat(result.counts().sendsOk()).as("the run acknowledged writes").isGreaterThan(100);
            assertThat(nemesis.windows()).as("faults injected").isNotEmpty();
            assertThat(result.anomalies()).as("anomalies (seed %d, %s)", settings.seed(), run.dir()).isEmpty();
            assertThat(unread).as("final read reached every partition's end").isEmpty();
            assertThat(run.unhealthy(List.of(TOPIC))).as("every partition led and in sync after healing").isEmpty();
            assertThat(writtenAfterHeal).as("every partition takes writes after healing").hasSize(PARTITIONS);
        }
    }
}
