package io.rafka.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rafka.metadata.api.CreateTopics;
import io.rafka.metadata.api.MetadataError;
import io.rafka.metadata.image.MetadataImage;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleNodeQuorumTest {

    @TempDir
    Path dir;

    @Test
    void singleNodeWithNoConfigurationFormatsItselfAndServesTheController() throws Exception {
        QuorumConfig config = QuorumConfig.builder(1, dir).controller(TestCluster.CONTROLLER).build();
        List<MetadataImage> published = new CopyOnWriteArrayList<>();
        String clusterId;
        try (TestClusterOfOne cluster = new TestClusterOfOne(MetadataQuorum.start(config))) {
            MetadataQuorum quorum = cluster.quorum;
            quorum.addListener((delta, image) -> published.add(image));
            clusterId = quorum.clusterId();
            assertThat(clusterId).hasSize(22);
            assertThat(Files.readString(dir.resolve("meta.properties"))).contains("cluster.id=" + clusterId, "node.id=1");
            await().atMost(Duration.ofSeconds(20)).until(quorum::isActiveController);
            assertThat(quorum.leaderId()).isEqualTo(1);

            TestCluster.registerOne(quorum, 1);
            CreateTopics.Result created = quorum.controllerClient().createTopics(new CreateTopics.Request(
                List.of(CreateTopics.Topic.of("orders", 3, 1)), false)).get().results().get(0);
            assertThat(created.error().isSuccess()).isTrue();
            // The answer comes after commit: the image already holds the topic.
            assertThat(quorum.currentImage().topic("orders")).isPresent();
            CreateTopics.Result again = quorum.controllerClient().createTopics(new CreateTopics.Request(
                List.of(CreateTopics.Topic.of("orders", 3, 1)), false)).get().results().get(0);
            assertThat(again.error().error()).isEqualTo(MetadataError.TOPIC_ALREADY_EXISTS);
            await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty()
                && published.get(published.size() - 1).topic("orders").isPresent());

            QuorumInfo info = quorum.describeQuorum();
            assertThat(info.leaderId()).isEqualTo(1);
            assertThat(info.voters()).extracting(QuorumInfo.ReplicaState::nodeId).containsExactly(1);
            assertThat(info.highWatermark()).isGreaterThan(0);
        }
        // Restart without a cluster id: meta.properties supplies it.
        try (TestClusterOfOne cluster = new TestClusterOfOne(MetadataQuorum.start(config))) {
            assertThat(cluster.quorum.clusterId()).isEqualTo(clusterId);
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.quorum.currentImage().topic("orders").isPresent());
        }
    }

    @Test
    void closedHeartbeatConnectionFencesTheBrokerAfterTheGraceNotTheSessionTimeout() throws Exception {
        QuorumConfig config = QuorumConfig.builder(1, dir).controller(TestCluster.CONTROLLER).build(); // 60 s session
        try (TestClusterOfOne cluster = new TestClusterOfOne(MetadataQuorum.start(config))) {
            MetadataQuorum quorum = cluster.quorum;
            await().atMost(Duration.ofSeconds(20)).until(quorum::isActiveController);
            TestCluster.registerOne(quorum, 1);
            TestCluster.registerOne(quorum, 2);
            quorum.controllerClient().createTopics(new CreateTopics.Request(
                List.of(CreateTopics.Topic.of("t", 2, 2)), false)).get();
            long closedAtNs = System.nanoTime();
            quorum.controllerClient().brokerConnectionClosed(2, quorum.currentImage().broker(2).epoch()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> quorum.currentImage().broker(2).fenced());
            long fencedAfterMs = (System.nanoTime() - closedAtNs) / 1_000_000;
            assertThat(fencedAfterMs).isBetween(900L, 3_000L); // grace 1 s, well under the 60 s session
            quorum.currentImage().topic("t").orElseThrow().partitions().values().forEach(p -> {
                assertThat(p.isr()).containsExactly(1);
                assertThat(p.leader()).isEqualTo(1);
            });
        }
    }

    @Test
    void startAgainstAnotherClustersDirectoryIsRefusedNamingBothIds() throws Exception {
        QuorumConfig first = QuorumConfig.builder(1, dir).clusterId("cluster-a").build();
        MetadataQuorum.start(first).close();
        QuorumConfig other = QuorumConfig.builder(1, dir).clusterId("cluster-b").build();
        assertThatThrownBy(() -> MetadataQuorum.start(other))
            .isInstanceOf(MetaProperties.InconsistentStorageException.class)
            .hasMessageContaining("cluster-a").hasMessageContaining("cluster-b");
        QuorumConfig otherNode = QuorumConfig.builder(2, dir).clusterId("cluster-a").build();
        assertThatThrownBy(() -> MetadataQuorum.start(otherNode))
            .isInstanceOf(MetaProperties.InconsistentStorageException.class)
            .hasMessageContaining("node.id 1").hasMessageContaining("node.id 2");
    }

    @Test
    void quorumPortIsBoundOnTheVotersHostOnly() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        QuorumConfig config = QuorumConfig.builder(1, dir).controller(TestCluster.CONTROLLER)
            .voters("1@127.0.0.1:" + port).build();
        try (TestClusterOfOne cluster = new TestClusterOfOne(MetadataQuorum.start(config))) {
            await().atMost(Duration.ofSeconds(20)).until(cluster.quorum::isActiveController);
            // Linux routes all of 127/8 to the loopback interface: had Ratis bound 0.0.0.0, this port would be
            // taken on 127.0.0.2 as well.
            try (ServerSocket samePortElsewhere = new ServerSocket()) {
                samePortElsewhere.setReuseAddress(false);
                samePortElsewhere.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port));
                assertThat(samePortElsewhere.isBound()).isTrue();
            }
            assertThatThrownBy(() -> new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")).close())
                .isInstanceOf(BindException.class);
        }
    }

    @Test
    void loneVoterElectsItselfAtOnceWhileAQuorumOfThreeKeepsRatisFirstElectionTimeout() {
        QuorumConfig config = QuorumConfig.builder(1, dir).controller(TestCluster.CONTROLLER).build();
        RaftProperties alone = MetadataQuorum.ratisProperties(config, new QuorumPeer(1, "localhost", 9093), 1);
        assertThat(RaftServerConfigKeys.Rpc.firstElectionTimeoutMax(alone).toLong(TimeUnit.MILLISECONDS))
            .isEqualTo(MetadataQuorum.SINGLE_VOTER_FIRST_ELECTION_MAX_MS);
        RaftProperties threeVoters = MetadataQuorum.ratisProperties(config, new QuorumPeer(1, "localhost", 9093), 3);
        assertThat(RaftServerConfigKeys.Rpc.firstElectionTimeoutMin(threeVoters))
            .isEqualTo(RaftServerConfigKeys.Rpc.timeoutMin(threeVoters));
    }

    private record TestClusterOfOne(MetadataQuorum quorum) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            quorum.close();
        }
    }
}
