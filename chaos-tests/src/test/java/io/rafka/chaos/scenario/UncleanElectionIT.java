package io.rafka.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.chaos.ChaosRun;
import io.rafka.chaos.ChaosSettings;
import io.rafka.chaos.checker.Anomaly;
import io.rafka.chaos.checker.CheckResult;
import io.rafka.chaos.cluster.ChaosCluster;
import io.rafka.chaos.cluster.Node;
import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.FaultKind;
import io.rafka.chaos.nemesis.Nemesis;
import io.rafka.chaos.workload.ProducerWorkload;
import io.rafka.chaos.workload.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: unclean election on purpose. Topic "unclean" (one partition, replicas [L, F], unclean election
 * on, min.insync.replicas=1) is led by L, a node that is not the active controller (so the controller keeps
 * L's replica reports). Cutting only the L-F link while L takes writes pushes F out of the ISR; L then
 * acknowledges records alone; L is killed and F, out of sync, is elected. The checker must find exactly the
 * loss the cluster reports in {@code rafka.unclean.election.records.lost}, and nothing on the clean topic.
 */
class UncleanElectionIT {

    private static final String UNCLEAN = "unclean";
    private static final String CLEAN = "clean";
    private static final String LOSS_CONFIG = "rafka.unclean.election.records.lost";

    @BeforeAll
    static void requireDocker() {
        DockerRequired.check();
    }

    @Test
    void checkerFindsExactlyTheLossTheClusterReports() throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        try (ChaosRun run = ChaosRun.start("unclean-election", settings, 3, Map.of("replica.lag.time.max.ms", "3000"))) {
            ChaosCluster cluster = run.cluster();
            int controller = awaitValue(cluster::activeController, "an active controller");
            List<Integer> others = new ArrayList<>(List.of(1, 2, 3));
            others.remove(Integer.valueOf(controller));
            Node leader = cluster.node(others.get(0));
            Node follower = cluster.node(others.get(1));
            assertThat(run.createTopic(new NewTopic(UNCLEAN, Map.of(0, List.of(leader.id(), follower.id())))
                .configs(Map.of("unclean.leader.election.enable", "true", "min.insync.replicas", "1")),
                Duration.ofSeconds(30))).isTrue();
            assertThat(run.createTopic(new NewTopic(CLEAN, 3, (short) 3), Duration.ofSeconds(30))).isTrue();
            assertThat(run.awaitHealthy(List.of(UNCLEAN, CLEAN), Duration.ofSeconds(30))).isTrue();
            assertThat(partition(run).leader().id()).as("L leads unclean-0").isEqualTo(leader.id());

            Nemesis nemesis = new Nemesis(cluster, run.history(), settings.seed(), CLEAN);
            List<String> notes = new ArrayList<>();
            long reportedLoss;
            try (ProducerWorkload cleanProducers = new ProducerWorkload(run.history(), "clean-producer", cluster.bootstrapServers(),
                     List.of(CLEAN), 1, 40, settings.seed());
                 Reader reader = Reader.startContinuous(run.history(), "reader-1", cluster.bootstrapServers(),
                     run.partitionsOf(List.of(CLEAN)))) {
                cleanProducers.start();
                ProducerWorkload uncleanProducer = new ProducerWorkload(run.history(), "unclean-producer", cluster.bootstrapServers(),
                    List.of(UNCLEAN), 1, 50, settings.seed() + 1);
                uncleanProducer.start();
                Thread.sleep(3_000);

                String link = leader + "-x-" + follower;
                long cutAt = nemesis.begin(FaultKind.ISOLATE_ONE, link);
                leader.cutFrom(follower);
                follower.cutFrom(leader);
                await(() -> partition(run).isr().size() == 1, Duration.ofSeconds(30), "F shrunk out of the ISR");
                Thread.sleep(3_000); // L alone acknowledges these
                uncleanProducer.close();
                // The controller estimates the loss from heartbeat reports: let both replicas report their ends.
                Thread.sleep(3_000);

                long killAt = nemesis.begin(FaultKind.KILL_LEADER, leader.toString());
                leader.kill();
                follower.healNetwork();
                nemesis.end(FaultKind.ISOLATE_ONE, link, cutAt, -1);
                await(() -> partition(run).leader() != null && partition(run).leader().id() == follower.id(),
                    Duration.ofSeconds(60), "F elected uncleanly");
                long electedAfterMs = run.history().nowMs() - killAt;
                notes.add("unclean leader n" + follower.id() + " elected " + electedAfterMs + " ms after the kill of n"
                    + leader.id() + " (controller n" + controller + ")");
                String reported = awaitValue(() -> lossConfig(cluster).filter(v -> !v.isBlank()), "reported loss");
                run.history().append(t -> Op.nemesis(t, LOSS_CONFIG + "=" + reported));
                notes.add(LOSS_CONFIG + " = \"" + reported + "\"");
                reportedLoss = parseLoss(reported);
                leader.restart(Duration.ofSeconds(90));
                nemesis.end(FaultKind.KILL_LEADER, leader.toString(), killAt, -1);
                notes.add("healthy after restart: " + run.awaitHealthy(List.of(UNCLEAN, CLEAN), Duration.ofSeconds(60)));
                Thread.sleep(2_000);
            }
            var unread = run.finalRead(List.of(UNCLEAN, CLEAN));
            notes.add("final read incomplete for " + unread);
            CheckResult result = run.checkAndReport(nemesis.windows(), notes);
            long found = result.count(Anomaly.Kind.LOST_WRITE, UNCLEAN) + result.count(Anomaly.Kind.UNSEEN, UNCLEAN);

            assertThat(reportedLoss).as("the forced election lost records").isPositive();
            assertThat(found).as("acknowledged records of %s the checker finds lost", UNCLEAN).isEqualTo(reportedLoss);
            assertThat(result.count(Anomaly.Kind.DUPLICATE, UNCLEAN)).isZero();
            assertThat(result.count(Anomaly.Kind.NEVER_SENT, UNCLEAN)).isZero();
            assertThat(result.inTopic(CLEAN)).as("anomalies on the clean topic").isEmpty();
            assertThat(unread).isEmpty();
        }
    }

    private static TopicPartitionInfo partition(ChaosRun run) {
        return run.cluster().describe(UNCLEAN).map(p -> p.get(0))
            .orElseThrow(() -> new IllegalStateException("cannot describe " + UNCLEAN));
    }

    private static Optional<String> lossConfig(ChaosCluster cluster) {
        try {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, UNCLEAN);
            Config config = cluster.admin().describeConfigs(List.of(topic)).all().get(5, TimeUnit.SECONDS).get(topic);
            return Optional.ofNullable(config.get(LOSS_CONFIG)).map(ConfigEntry::value);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** "0:25,1:3" -> 28. */
    private static long parseLoss(String reported) {
        long total = 0;
        for (String entry : reported.split(",")) {
            total += Long.parseLong(entry.substring(entry.indexOf(':') + 1).trim());
        }
        return total;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the cluster may not answer during the fault; ask again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static <T> T awaitValue(java.util.function.Supplier<Optional<T>> value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
