package io.rafka.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.chaos.ChaosRun;
import io.rafka.chaos.ChaosSettings;
import io.rafka.chaos.checker.CheckResult;
import io.rafka.chaos.history.History;
import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.FaultKind;
import io.rafka.chaos.nemesis.FaultWindow;
import io.rafka.chaos.nemesis.Nemesis;
import io.rafka.chaos.workload.ProducerWorkload;
import io.rafka.chaos.workload.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: the active controller is killed (-9) again and again while topics are created and records
 * produced. Every acknowledged topic still exists at the end, no acknowledged record is lost, duplicated or
 * moved, and a new controller is active within a few seconds of each kill (the times are reported).
 */
class ControllerFailoverIT {

    private static final String TOPIC = "orders";
    private static final int KILLS = Integer.getInteger("chaos.controllerKills", 4);
    /** "Within a few seconds": Ratis elects in about one election timeout; this bound leaves room for a slow CI. */
    private static final long FAILOVER_MAX_MS = 15_000;

    @BeforeAll
    static void requireDocker() {
        DockerRequired.check();
    }

    @Test
    void acknowledgedTopicsAndRecordsSurviveRepeatedControllerKills() throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        try (ChaosRun run = ChaosRun.start("controller-failover", settings, settings.nodes(), Map.of())) {
            assertThat(run.createTopic(new NewTopic(TOPIC, 3, (short) 3), Duration.ofSeconds(30))).isTrue();
            assertThat(run.awaitHealthy(List.of(TOPIC), Duration.ofSeconds(30))).isTrue();
            Nemesis nemesis = new Nemesis(run.cluster(), run.history(), settings.seed(), TOPIC);
            List<String> createdTopics = new CopyOnWriteArrayList<>();
            AtomicBoolean creating = new AtomicBoolean(true);
            Thread creator = new Thread(() -> createTopics(run, creating, createdTopics), "topic-creator");
            try (ProducerWorkload producers = new ProducerWorkload(run.history(), "producer", run.cluster().bootstrapServers(),
                     List.of(TOPIC), 2, 40, settings.seed());
                 Reader reader = Reader.startContinuous(run.history(), "reader-1", run.cluster().bootstrapServers(),
                     run.partitionsOf(List.of(TOPIC)))) {
                producers.start();
                creator.start();
                Thread.sleep(3_000);
                for (int kill = 0; kill < KILLS; kill++) {
                    nemesis.inject(FaultKind.KILL_CONTROLLER, 2_000);
                    Thread.sleep(4_000);
                }
                creating.set(false);
                creator.join(60_000);
                run.cluster().healAll();
                run.history().append(t -> Op.nemesis(t, "healed all"));
                List<String> all = new ArrayList<>(createdTopics);
                all.add(TOPIC);
                run.awaitHealthy(all, Duration.ofSeconds(60));
                Thread.sleep(2_000);
            }
            List<String> topics = new ArrayList<>(createdTopics);
            topics.add(TOPIC);
            Set<String> existing = run.cluster().admin().listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            var unread = run.finalRead(topics);
            List<Long> failovers = nemesis.windows().stream().map(FaultWindow::failoverMs).toList();
            List<String> notes = List.of(
                "topics created and acknowledged: " + createdTopics.size() + ", missing at the end: " + missing,
                "final read incomplete for " + unread);
            CheckResult result = run.checkAndReport(nemesis.windows(), notes);

            assertThat(createdTopics).as("topics created during the kills").isNotEmpty();
            assertThat(missing).as("acknowledged topics that disappeared").isEmpty();
            assertThat(failovers).as("ms from kill to a new active controller").hasSize(KILLS)
                .allSatisfy(ms -> assertThat(ms).isBetween(0L, FAILOVER_MAX_MS));
            assertThat(result.counts().sendsOk()).isGreaterThan(100);
            assertThat(result.anomalies()).as("anomalies (seed %d, %s)", settings.seed(), run.dir()).isEmpty();
            assertThat(unread).isEmpty();
        }
    }

    /** Creates a topic about every second and writes three acknowledged records to it, until told to stop. */
    private static void createTopics(ChaosRun run, AtomicBoolean creating, List<String> created) {
        History history = run.history();
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(ProducerWorkload.producerProperties(run.cluster().bootstrapServers()))) {
            for (int n = 1; creating.get(); n++) {
                String topic = "created-" + n;
                if (!run.createTopic(new NewTopic(topic, 2, (short) 3), Duration.ofSeconds(30))) {
                    continue;
                }
                created.add(topic);
                for (int i = 0; i < 3; i++) {
                    String value = topic + "-" + i;
                    history.append(t -> Op.invokeSend(t, "creator", topic, value));
                    try {
                        RecordMetadata m = producer.send(new ProducerRecord<>(topic, "k" + i, value)).get(30, TimeUnit.SECONDS);
                        history.append(t -> Op.okSend(t, "creator", topic, m.partition(), m.offset(), value));
                    } catch (Exception e) {
                        history.append(t -> Op.infoSend(t, "creator", topic, value, e.getClass().getSimpleName()));
                    }
                }
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
