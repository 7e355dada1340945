package io.rafka.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rafka.metadata.api.AlterPartition;
import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.image.MetadataImage;
import io.rafka.metadata.image.PartitionRegistration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real Ratis servers (and a listener) on loopback ports. */
class ThreeNodeQuorumTest {

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderElectsANewControllerThatAcceptsWritesAndLosesNothingCommitted() throws Exception {
        try (TestCluster cluster = TestCluster.voters(dir, 3)) {
            cluster.startAll();
            MetadataQuorum leader = cluster.awaitActiveController();
            cluster.registerBrokers(1, 2, 3);
            List<String> committed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CreateTopics.Result result = cluster.createTopic(cluster.any(), "before-" + i, 2, 3);
                assertThat(result.error().isSuccess()).isTrue();
                committed.add("before-" + i);
            }
            int oldLeader = leader.nodeId();
            cluster.stop(oldLeader); // abrupt for the others: its server stops answering mid-flight

            MetadataQuorum newLeader = cluster.awaitActiveController();
            assertThat(newLeader.nodeId()).isNotEqualTo(oldLeader);
            CreateTopics.Result after = cluster.createTopic(cluster.any(), "after", 1, 2);
            assertThat(after.error().isSuccess()).as("%s", after.error()).isTrue();
            committed.add("after");
            for (MetadataQuorum survivor : cluster.nodes.values()) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(survivor.currentImage().topicsByName().keySet()).containsAll(committed));
            }
            // The killed node comes back and catches up.
            cluster.start(oldLeader);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.nodes.get(oldLeader).currentImage().topicsByName().keySet()).containsAll(committed));
        }
    }

    @Test
    void stoppingAllThreeAndRestartingYieldsAnIdenticalImage() throws Exception {
        MetadataImage before;
        try (TestCluster cluster = new TestCluster(dir, 3, 0, 5, 0, 0)) { // snapshot every 5 entries
            cluster.startAll();
            cluster.awaitActiveController();
            cluster.registerBrokers(1, 2, 3);
            for (int i = 0; i < 12; i++) {
                cluster.createTopic(cluster.any(), "t" + i, 3, 3);
            }
            shrinkIsr(cluster, "t0");
            long offset = cluster.awaitActiveController().currentImage().offset();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                cluster.appliedOffsets().values().stream().allMatch(o -> o >= offset));
            before = cluster.nodes.get(1).currentImage();
            for (MetadataQuorum node : cluster.nodes.values()) {
                assertThat(node.currentImage().withOffset(0)).isEqualTo(before.withOffset(0));
            }
            try (Stream<Path> files = Files.walk(dir.resolve("node-1/metadata"))) {
                assertThat(files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot."))).isTrue();
            }
        }
        try (TestCluster cluster = new TestCluster(dir, 3, 0, 5, 0, 0)) {
            // Same directories and ids, new ports: the voters list is configuration, not data.
            cluster.startAll();
            cluster.awaitActiveController();
            for (MetadataQuorum node : cluster.nodes.values()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.currentImage().offset() >= before.offset());
                assertThat(node.currentImage().withOffset(0)).isEqualTo(before.withOffset(0));
            }
        }
    }

    @Test
    void listenerFollowsTheLogWithoutVoting() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, 3, 1, 1000, 0, 0)) {
            cluster.startAll();
            MetadataQuorum leader = cluster.awaitActiveController();
            cluster.registerBrokers(1, 2, 3, 4);
            MetadataQuorum listener = cluster.nodes.get(4);
            CreateTopics.Result created = cluster.createTopic(listener, "from-listener", 1, 3);
            assertThat(created.error().isSuccess()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.currentImage().topic("from-listener").isPresent());
            assertThat(listener.isActiveController()).isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(leader.describeQuorum().voters()).extracting(QuorumInfo.ReplicaState::nodeId)
                    .containsExactlyInAnyOrder(1, 2, 3));
        }
    }

    @Test
    void concurrentIsrChangesWithTheSamePartitionEpochNeverBothSucceedThroughTheQuorum() throws Exception {
        try (TestCluster cluster = TestCluster.voters(dir, 3)) {
            cluster.startAll();
            cluster.awaitActiveController();
            cluster.registerBrokers(1, 2, 3);
            cluster.createTopic(cluster.any(), "t", 1, 3);
            MetadataImage image = cluster.awaitActiveController().currentImage();
            PartitionRegistration p = image.topic("t").orElseThrow().partition(0);
            var id = image.topic("t").orElseThrow().id();
            long epoch = image.broker(p.leader()).epoch();
            List<CompletableFuture<AlterPartition.Response>> answers = new ArrayList<>();
            for (MetadataQuorum node : cluster.nodes.values()) {
                List<Integer> isr = List.of(p.leader(), p.replicas().stream().filter(r -> r != p.leader()).findFirst().orElseThrow());
                answers.add(node.controllerClient().alterPartition(new AlterPartition.Request(p.leader(), epoch,
                    List.of(new AlterPartition.Item(id, 0, p.leaderEpoch(), p.partitionEpoch(), isr)))));
            }
            long successes = 0;
            for (CompletableFuture<AlterPartition.Response> answer : answers) {
                MetadataError error = answer.get(30, TimeUnit.SECONDS).results().get(0).error().error();
                if (error == MetadataError.NONE) {
                    successes++;
                } else {
                    assertThat(error).isEqualTo(MetadataError.INVALID_UPDATE_VERSION);
                }
            }
            assertThat(successes).isEqualTo(1);
        }
    }

    private static void shrinkIsr(TestCluster cluster, String topic) throws Exception {
        MetadataImage image = cluster.awaitActiveController().currentImage();
        PartitionRegistration p = image.topic(topic).orElseThrow().partition(0);
        AlterPartition.Response response = cluster.any().controllerClient().alterPartition(new AlterPartition.Request(
            p.leader(), image.broker(p.leader()).epoch(), List.of(new AlterPartition.Item(image.topic(topic).orElseThrow().id(),
                0, p.leaderEpoch(), p.partitionEpoch(), List.of(p.leader()))))).get(30, TimeUnit.SECONDS);
        assertThat(response.results().get(0).error().isSuccess()).isTrue();
    }
}
