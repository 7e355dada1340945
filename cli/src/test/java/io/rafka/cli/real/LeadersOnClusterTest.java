package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static io.rafka.cli.real.RealCli.rows;
import static io.rafka.cli.real.RealCli.tableBelowPreamble;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestCluster;
import io.rafka.cli.CliRun;
import io.rafka.metadata.image.PartitionRegistration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rafka leaders elect}, {@code topics describe}, {@code cluster describe} and
 * {@code quorum describe} on a three-node cluster whose leaders move: a restarted preferred leader
 * gets its leadership back only when asked ({@code --preferred}), and an offline partition comes
 * back through {@code --unclean}, with the records it lost in the UNCLEAN-LOSS column.
 *
 * <p>The cluster never rebalances leaders by itself (auto.leader.rebalance.enable=false), so what
 * the tests see is what the commands did. Each test restarts the nodes it stopped.
 */
class LeadersOnClusterTest {
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static TestCluster cluster;
    private static RealCli cli;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dataDir, 3, Map.of("auto.leader.rebalance.enable", "false",
                "replica.lag.time.max.ms", "1500"));
        cli = RealCli.at(() -> cluster.bootstrapServers());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void preferredElectionGivesLeadershipBackToTheRestartedFirstReplica() {
        List<Integer> replicas = leaderNotController();
        int preferred = replicas.get(0);
        createTopic("preferred", replicas);
        String marked = preferred + "*," + replicas.get(1) + "," + replicas.get(2);
        assertThat(describeRow("preferred")).containsExactly("preferred", "0", str(preferred), marked, "ok", "-");

        cluster.halt(preferred);
        cluster.awaitLeaderOtherThan("preferred", 0, preferred);
        awaitDescribe("preferred", row -> row.get(4).equals("under-replicated,not-preferred"));
        awaitFenced(preferred);
        CliRun.Result whileDown = cli.run("leaders", "elect", "--preferred", "--topic", "preferred", "--partition", "0");

        cluster.restart(preferred);
        cluster.awaitFullIsr("preferred", 0);
        List<String> beforeElection = awaitDescribe("preferred", row -> row.get(4).equals("not-preferred"));
        // --all also covers the other tests' partitions on the restarted node: one still catching up would
        // make its preferred election fail (exit 1), as in Kafka, so wait until every replica is back in sync.
        awaitEveryPartitionFullyInSync();
        CliRun.Result elected = cli.ok("leaders", "elect", "--preferred", "--all");
        Awaitility.await("leader back on " + preferred).atMost(METADATA_WAIT)
                .until(() -> registration("preferred").leader() == preferred);
        List<String> afterElection = awaitDescribe("preferred", row -> row.get(4).equals("ok"));
        CliRun.Result again = cli.ok("leaders", "elect", "--preferred", "--topic", "preferred", "--partition", "0");

        assertThat(whileDown.exitCode()).as(whileDown.toString()).isEqualTo(RealCli.OPERATION_ERROR);
        assertThat(rows(whileDown.out())).hasSize(1);
        assertThat(rows(whileDown.out()).get(0).get(2)).startsWith("failed: ");
        assertThat(whileDown.err()).isEqualTo("rafka leaders elect: error: 1 of 1 elections failed (see RESULT above)\n");
        assertThat(beforeElection.get(2)).isNotEqualTo(str(preferred));
        assertThat(beforeElection.get(3)).isEqualTo(marked);
        assertThat(rows(elected.out())).contains(List.of("preferred", "0", "elected"));
        assertThat(elected.err()).isEmpty();
        assertThat(afterElection).containsExactly("preferred", "0", str(preferred), marked, "ok", "-");
        assertThat(rows(again.out())).containsExactly(List.of("preferred", "0", "not needed"));
    }

    @Test
    void uncleanElectionBringsAnOfflinePartitionBackAndReportsTheLoss() throws Exception {
        List<Integer> replicas = leaderNotController();
        int leader = replicas.get(0);
        List<Integer> followers = replicas.subList(1, 3);
        cluster.createTopic("unclean", Map.of(0, replicas), Map.of("min.insync.replicas", "1"));
        try {
            cli.okWithStdin(lines("kept-", 30), "produce", "--topic", "unclean");
            followers.forEach(id -> cluster.node(id).replicaFetchers().setPaused(true));
            // acks=all completes once the stalled followers have been shrunk out of the ISR.
            cli.okWithStdin(lines("lost-", 20), "produce", "--topic", "unclean");
            Awaitility.await("ISR shrunk to the leader").atMost(METADATA_WAIT)
                    .until(() -> registration("unclean").isr().equals(List.of(leader)));
            awaitHeartbeats(2); // the controller must know the followers' log ends to count the loss

            cluster.halt(leader);
            Awaitility.await("unclean-0 offline").atMost(METADATA_WAIT).until(() -> !registration("unclean").hasLeader());
            List<String> offline = awaitDescribe("unclean", row -> row.get(2).equals("none"));
            CliRun.Result elected = cli.ok("leaders", "elect", "--unclean", "--topic", "unclean", "--partition", "0");
            Awaitility.await("a follower leads").atMost(METADATA_WAIT)
                    .until(() -> followers.contains(registration("unclean").leader()));
            List<String> recovered = awaitDescribe("unclean", row -> !row.get(2).equals("none") && row.get(5).equals("20"));
            JsonNode recoveredJson = json(cli.ok("topics", "describe", "unclean", "--output", "json").out()).get(0);
            followers.forEach(id -> cluster.node(id).replicaFetchers().setPaused(false));
            CliRun.Result readable = cli.ok("consume", "--topic", "unclean", "--from-beginning", "--max-messages", "50",
                    "--idle-timeout", "3s");

            assertThat(offline.get(4)).startsWith("offline");
            assertThat(rows(elected.out())).containsExactly(List.of("unclean", "0", "elected"));
            assertThat(followers).contains(Integer.parseInt(recovered.get(2)));
            assertThat(recovered.get(3)).isEqualTo(leader + "*," + followers.get(0) + "," + followers.get(1));
            assertThat(recovered.get(4)).contains("under-replicated").contains("not-preferred");
            assertThat(recoveredJson.get("recordsLostToUncleanElection").asLong()).isEqualTo(20);
            assertThat(recoveredJson.get("offline").asBoolean()).isFalse();
            assertThat(readable.out().lines()).as("exactly the records before the stall survive")
                    .containsExactlyElementsOf(lines("kept-", 30).lines().toList());
        } finally {
            followers.forEach(id -> cluster.node(id).replicaFetchers().setPaused(false));
            if (cluster.runningNodes().stream().noneMatch(node -> node.nodeId() == leader)) {
                cluster.restart(leader);
            }
        }
    }

    @Test
    void clusterAndQuorumDescribeListEveryNode() {
        String clusterOut = cli.ok("cluster", "describe").out();
        String quorumOut = cli.ok("quorum", "describe").out();

        int controller = cluster.anyNode().quorum().leaderId();
        List<List<String>> brokers = rows(tableBelowPreamble(clusterOut));
        assertThat(brokers).extracting(row -> row.get(0)).containsExactly("1", "2", "3");
        assertThat(brokers).extracting(row -> row.get(3)).containsOnly("active");
        for (List<String> broker : brokers) {
            assertThat(broker.get(1)).isEqualTo(cluster.node(Integer.parseInt(broker.get(0))).bootstrapServers());
        }
        assertThat(quorumOut.lines().findFirst().orElseThrow()).startsWith("Leader: " + controller + "  Term: ");
        List<List<String>> voters = rows(tableBelowPreamble(quorumOut));
        assertThat(voters).extracting(row -> row.get(0)).containsExactly("1", "2", "3");
        assertThat(voters).filteredOn(row -> row.get(1).equals("leader")).extracting(row -> row.get(0))
                .containsExactly(str(controller));
        assertThat(voters).filteredOn(row -> !row.get(0).equals(str(controller))).extracting(row -> row.get(1))
                .containsOnly("follower");
    }

    @Test
    void badInputIsOneLineOrUsage() {
        createTopic("elect-input", leaderNotController());

        assertThat(cli.errorLine("leaders", "elect", "--preferred", "--topic", "elect-input", "--partition", "5"))
                .isEqualTo("rafka leaders elect: error: partition elect-input-5 does not exist (topic has 1 partitions)");
        assertThat(cli.errorLine("leaders", "elect", "--preferred", "--topic", "missing"))
                .isEqualTo("rafka leaders elect: error: describe topic missing: no such topic or partition");
        assertThat(cli.usageLine("leaders", "elect", "--preferred", "--all", "--partition", "0"))
                .isEqualTo("--partition goes with --topic");
        assertThat(cli.usageLine("leaders", "elect", "--all")).contains("--preferred").contains("--unclean");
        assertThat(cli.usageLine("leaders", "elect", "--preferred", "--unclean", "--all")).contains("mutually exclusive");
    }

    /** Replicas for one partition led by a node that is not the active controller: halting it leaves the controller in place. */
    private static List<Integer> leaderNotController() {
        int controller = cluster.anyNode().quorum().leaderId();
        List<Integer> others = new ArrayList<>(IntStream.rangeClosed(1, cluster.size()).boxed().toList());
        others.remove(Integer.valueOf(controller));
        return List.of(others.get(0), others.get(1), controller);
    }

    private static void createTopic(String name, List<Integer> replicas) {
        try {
            cluster.createTopic(name, Map.of(0, replicas), Map.of());
        } catch (Exception e) {
            throw new AssertionError("cannot create " + name, e);
        }
    }

    private static void awaitEveryPartitionFullyInSync() {
        Awaitility.await("every replica in sync").atMost(METADATA_WAIT).until(() -> cluster.anyNode().quorum()
                .currentImage().topicsByName().values().stream()
                .flatMap(topic -> topic.partitions().values().stream())
                .allMatch(p -> p.isr().size() == p.replicas().size()));
    }

    private static PartitionRegistration registration(String topic) {
        return cluster.registration(topic, 0).orElseThrow();
    }

    /**
     * Polls {@code topics describe} until partition 0's row satisfies {@code condition} (brokers
     * learn metadata a moment after the controller commits it); returns the row with the ISR
     * column sorted and the topic's cells: topic, partition, leader, replicas, status, loss.
     */
    private static List<String> awaitDescribe(String topic, java.util.function.Predicate<List<String>> condition) {
        List<List<String>> last = new ArrayList<>();
        Awaitility.await(topic + " described as expected").atMost(METADATA_WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<String> row = describeRow(topic);
                    last.clear();
                    last.add(row);
                    return condition.test(row);
                });
        return last.get(0);
    }

    /** Partition 0 of {@code topic} as {@code topics describe} prints it, without the ISR column (checked apart). */
    private static List<String> describeRow(String topic) {
        List<List<String>> rows = rows(cli.ok("topics", "describe", topic).out());
        assertThat(rows).hasSize(1);
        List<String> row = rows.get(0);
        Set<String> replicas = Set.of(row.get(3).replace("*", "").split(","));
        if (!row.get(4).equals("-")) {
            assertThat(replicas).as("ISR within the replicas: %s", row).containsAll(List.of(row.get(4).split(",")));
        }
        if (row.get(5).equals("ok")) {
            assertThat(Set.of(row.get(4).split(","))).as("a partition marked ok has a full ISR: %s", row).isEqualTo(replicas);
        }
        return List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(5), row.get(6));
    }

    private static void awaitFenced(int nodeId) {
        Awaitility.await("broker " + nodeId + " fenced").atMost(METADATA_WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> rows(tableBelowPreamble(cli.ok("cluster", "describe").out())).stream()
                        .anyMatch(row -> row.get(0).equals(str(nodeId)) && row.get(3).equals("fenced")));
    }

    private static void awaitHeartbeats(int more) {
        Map<RafkaNode, Long> start = new HashMap<>();
        cluster.runningNodes().forEach(node -> start.put(node, node.heartbeatsAnswered()));
        Awaitility.await(more + " more heartbeats").atMost(METADATA_WAIT).until(() -> start.entrySet().stream()
                .allMatch(entry -> entry.getKey().heartbeatsAnswered() >= entry.getValue() + more));
    }

    private static String lines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "\n").collect(Collectors.joining());
    }

    private static String str(int id) {
        return Integer.toString(id);
    }
}
