package io.rafka.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.AlterReassignments;
import io.rafka.metadata.api.BrokerConnectionClosed;
import io.rafka.metadata.api.BrokerHeartbeat;
import io.rafka.metadata.api.ConfigResource;
import io.rafka.metadata.api.ElectLeaders;
import io.rafka.metadata.api.IncrementalAlterConfigs;
import io.rafka.metadata.api.TopicPartition;
import io.rafka.metadata.image.MetadataDelta;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import io.rafka.metadata.image.TopicImage;
import io.rafka.metadata.record.MetadataRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the controller over random event sequences (broker deaths and returns, closed
 * connections, ISR changes, creates, reassignments, elections, controller fail-overs), checking invariants after
 * every step. Reproduce a failure with {@code -Drafka.sim.seed=<seed printed below>}.
 */
class ControllerSimulationTest {

    private static final int SEQUENCES = 150;
    private static final int STEPS = 150;
    private static final int[] BROKERS = {1, 2, 3, 4, 5};

    @Test
    void invariantsHoldAfterEveryStepOfRandomSequences() {
        long seed = Long.getLong("rafka.sim.seed", System.nanoTime());
        System.out.println("ControllerSimulationTest seed: " + seed + " (rerun with -Drafka.sim.seed=" + seed + ")");
        Random seeds = new Random(seed);
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long sequenceSeed = seeds.nextLong();
            try {
                new Simulation(sequenceSeed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("simulation failed: seed " + seed + ", sequence " + sequence
                    + " (sequence seed " + sequenceSeed + "): " + e.getMessage(), e);
            }
        }
    }

    private static final class Simulation {
        private final Random random;
        private final ControllerHarness h;
        private final Set<Integer> alive = new HashSet<>();
        private final boolean unclean;
        private final Map<String, int[]> lastEpochs = new HashMap<>();
        private final Map<String, Integer> leaderOfEpoch = new HashMap<>();
        private int topics;
        /** ISR members a leader admitted in this step: a reassignment may complete and hand them leadership. */
        private final Set<Integer> admittedThisStep = new HashSet<>();

        Simulation(long seed) {
            random = new Random(seed);
            unclean = random.nextInt(3) == 0;
            ControllerConfig config = new ControllerConfig(2_000, 300, unclean, true, 5_000, 1, 1);
            h = new ControllerHarness(config, seed);
        }

        void run() {
            for (int id : BROKERS) {
                h.registerAndUnfence(id, null);
                alive.add(id);
            }
            for (int step = 0; step < STEPS; step++) {
                MetadataImage before = h.committed;
                admittedThisStep.clear();
                step();
                checkInvariants(before, step);
            }
            settleAndCheckPreferredLeaders();
            checkReplayEquivalence();
        }

        private void step() {
            int dice = random.nextInt(100);
            if (dice < 10) {
                createTopic();
            } else if (dice < 18) {
                killBroker();
            } else if (dice < 26) {
                reviveBroker();
            } else if (dice < 46) {
                alterIsr();
            } else if (dice < 52) {
                reassign();
            } else if (dice < 56) {
                h.send(new ElectLeaders.Request(ElectLeaders.ElectionType.PREFERRED, null));
            } else if (dice < 58) {
                h.failOver();
            } else if (dice < 60) {
                toggleTopicUnclean();
            } else {
                heartbeatLive();
                h.tick(random.nextInt(700));
            }
        }

        private void createTopic() {
            int rf = 1 + random.nextInt(3);
            h.createTopic("t" + topics++, 1 + random.nextInt(4), rf);
        }

        private void killBroker() {
            if (alive.size() <= 1) {
                return;
            }
            int victim = pick(alive);
            alive.remove(victim);
            if (random.nextBoolean()) {
                h.send(new BrokerConnectionClosed.Request(victim, h.committed.broker(victim).epoch()));
            }
        }

        private void reviveBroker() {
            List<Integer> dead = new ArrayList<>();
            for (int id : BROKERS) {
                if (!alive.contains(id)) {
                    dead.add(id);
                }
            }
            if (dead.isEmpty()) {
                return;
            }
            int id = dead.get(random.nextInt(dead.size()));
            h.registerAndUnfence(id, null);
            alive.add(id);
        }

        private void heartbeatLive() {
            for (int id : alive) {
                List<BrokerHeartbeat.ReplicaReport> reports = new ArrayList<>();
                for (TopicImage topic : h.committed.topicsByName().values()) {
                    topic.partitions().forEach((p, partition) -> {
                        if (partition.replicas().contains(id)) {
                            reports.add(new BrokerHeartbeat.ReplicaReport(topic.id(), p,
                                Math.max(0, partition.leaderEpoch() - random.nextInt(2)), random.nextInt(1000)));
                        }
                    });
                }
                h.send(new BrokerHeartbeat.Request(id, h.brokerEpochs.get(id), h.committed.offset(), false, reports));
            }
        }

        private void alterIsr() {
            List<TopicPartition> partitions = ledPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            TopicPartition tp = partitions.get(random.nextInt(partitions.size()));
            PartitionRegistration p = h.partition(tp.topic(), tp.partition());
            List<Integer> isr = new ArrayList<>(p.isr());
            if (random.nextBoolean() && isr.size() > 1) {
                isr.remove(Integer.valueOf(pick(isr.stream().filter(r -> r != p.leader()).toList())));
            } else {
                List<Integer> candidates = p.replicas().stream().filter(r -> !isr.contains(r)).toList();
                if (candidates.isEmpty()) {
                    return;
                }
                isr.add(pick(candidates));
            }
            // Sometimes the leader proposes from a stale partition epoch: must be refused.
            int partitionEpoch = random.nextInt(5) == 0 ? p.partitionEpoch() - 1 : p.partitionEpoch();
            var id = h.committed.topic(tp.topic()).orElseThrow().id();
            admittedThisStep.addAll(isr);
            AlterPartition.Response response = h.send(new AlterPartition.Request(p.leader(),
                h.brokerEpochs.get(p.leader()), List.of(new AlterPartition.Item(id, tp.partition(), p.leaderEpoch(),
                    partitionEpoch, isr))));
            if (partitionEpoch != p.partitionEpoch()) {
                assertThat(response.results().get(0).error().isSuccess()).as("stale ISR change accepted").isFalse();
            }
        }

        private void reassign() {
            List<TopicPartition> partitions = allPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            TopicPartition tp = partitions.get(random.nextInt(partitions.size()));
            if (random.nextInt(4) == 0) {
                h.send(new AlterReassignments.Request(List.of(new AlterReassignments.Item(tp, null))));
                return;
            }
            List<Integer> brokers = new ArrayList<>(List.of(1, 2, 3, 4, 5));
            Collections.shuffle(brokers, random);
            List<Integer> target = brokers.subList(0, 1 + random.nextInt(3));
            h.send(new AlterReassignments.Request(List.of(new AlterReassignments.Item(tp, List.copyOf(target)))));
        }

        private void toggleTopicUnclean() {
            if (!unclean || topics == 0) {
                return;
            }
            String topic = "t" + random.nextInt(topics);
            if (h.committed.topic(topic).isEmpty()) {
                return;
            }
            h.send(new IncrementalAlterConfigs.Request(List.of(new IncrementalAlterConfigs.Resource(
                ConfigResource.topic(topic), List.of(new IncrementalAlterConfigs.Op("unclean.leader.election.enable",
                    IncrementalAlterConfigs.OpType.SET, Boolean.toString(random.nextBoolean()))))), false));
        }

        private void checkInvariants(MetadataImage before, int step) {
            MetadataImage after = h.committed;
            for (TopicImage topic : after.topicsByName().values()) {
                topic.partitions().forEach((p, partition) -> {
                    String key = topic.id() + "-" + p;
                    String where = "step " + step + " " + topic.name() + "-" + p + " " + partition;
                    if (partition.hasLeader()) {
                        assertThat(partition.isr()).as(where).contains(partition.leader());
                        assertThat(after.isUnfenced(partition.leader())).as("leader unfenced: " + where).isTrue();
                    }
                    int[] last = lastEpochs.get(key);
                    if (last != null) {
                        assertThat(partition.leaderEpoch()).as("leader epoch only grows: " + where).isGreaterThanOrEqualTo(last[0]);
                        assertThat(partition.partitionEpoch()).as("partition epoch only grows: " + where).isGreaterThanOrEqualTo(last[1]);
                    }
                    lastEpochs.put(key, new int[] {partition.leaderEpoch(), partition.partitionEpoch()});
                    Integer previousLeader = leaderOfEpoch.putIfAbsent(key + "@" + partition.leaderEpoch(), partition.leader());
                    assertThat(previousLeader == null || previousLeader == partition.leader())
                        .as("one leader per epoch: " + where + " had " + previousLeader).isTrue();
                    PartitionRegistration old = before.topic(topic.id()).map(t -> t.partition(p)).orElse(null);
                    if (old != null && partition.hasLeader() && partition.leader() != old.leader()
                        && !old.isr().contains(partition.leader()) && !admittedThisStep.contains(partition.leader())) {
                        assertThat(partition.lastUncleanElection()).as("leader outside ISR only by unclean election: " + where).isNotNull();
                        assertThat(partition.lastUncleanElection().electedAtMs()).as(where).isEqualTo(h.now());
                    }
                    if (!unclean) {
                        assertThat(partition.lastUncleanElection()).as("no unclean election when disabled: " + where).isNull();
                    }
                });
            }
        }

        private void settleAndCheckPreferredLeaders() {
            for (int i = 0; i < 20; i++) {
                heartbeatLive();
                h.tick(500);
            }
            for (TopicImage topic : h.committed.topicsByName().values()) {
                topic.partitions().forEach((p, partition) -> {
                    int preferred = partition.preferredLeader();
                    if (h.committed.isUnfenced(preferred) && partition.isr().contains(preferred)) {
                        assertThat(partition.leader()).as("preferred leader restored: %s-%s %s", topic.name(), p, partition)
                            .isEqualTo(preferred);
                    }
                });
            }
        }

        private void checkReplayEquivalence() {
            MetadataImage replayed = MetadataImage.EMPTY;
            for (List<MetadataRecord> batch : h.log) {
                MetadataDelta delta = new MetadataDelta(replayed, replayed.offset() + 1);
                delta.replayAll(batch);
                replayed = delta.apply();
            }
            assertThat(replayed).isEqualTo(h.committed);
            MetadataDelta fromSnapshot = new MetadataDelta(MetadataImage.EMPTY, h.committed.offset());
            fromSnapshot.replayAll(h.committed.toRecords());
            assertThat(fromSnapshot.apply()).isEqualTo(h.committed);
        }

        private List<TopicPartition> ledPartitions() {
            return allPartitions().stream().filter(tp -> {
                PartitionRegistration p = h.partition(tp.topic(), tp.partition());
                return p.hasLeader() && alive.contains(p.leader());
            }).toList();
        }

        private List<TopicPartition> allPartitions() {
            List<TopicPartition> all = new ArrayList<>();
            h.committed.topicsByName().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(t -> t.partitions().keySet().stream().sorted()
                    .forEach(p -> all.add(new TopicPartition(t.name(), p))));
            return all;
        }

        private int pick(java.util.Collection<Integer> values) {
            List<Integer> sorted = values.stream().sorted().toList();
            return sorted.get(random.nextInt(sorted.size()));
        }
    }
}
