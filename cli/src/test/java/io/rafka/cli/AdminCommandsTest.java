package io.rafka.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.cli.support.Json;
import io.rafka.common.MockTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run in-process against Kafka's own MockAdminClient (three brokers): the wiring from
 * options to Admin calls to output and exit codes. Broker ids are 0, 1, 2 (MockAdminClient indexes by id).
 * Behaviour against a real broker is tested
 * where the node is assembled.
 */
class AdminCommandsTest {
    private static final List<Node> BROKERS = List.of(new Node(0, "h0", 9092), new Node(1, "h1", 9092), new Node(2, "h2", 9092));

    private final MockAdminClient admin = new MockAdminClient(BROKERS, BROKERS.get(0));

    @AfterEach
    void close() {
        admin.close();
    }

    private CliRun.Result run(String... args) {
        return CliRun.cli().withAdmin(admin).run(args);
    }

    private void addTopic(String name, List<List<Integer>> replicas) {
        List<TopicPartitionInfo> partitions = new java.util.ArrayList<>();
        for (int p = 0; p < replicas.size(); p++) {
            List<Node> nodes = replicas.get(p).stream().map(id -> BROKERS.get(id)).toList();
            partitions.add(new TopicPartitionInfo(p, nodes.get(0), nodes, nodes));
        }
        admin.addTopic(false, name, partitions, Map.of());
    }

    @Test
    void createThenDescribeShowsEveryPartition() {
        CliRun.Result created = run("topics", "create", "orders", "--partitions", "2", "--replication-factor", "3");
        CliRun.Result described = run("topics", "describe", "orders");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).contains("orders  created");
        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.out().lines()).hasSize(3).first().asString().startsWith("TOPIC");
        assertThat(described.out()).contains("orders  0").contains("orders  1");
    }

    @Test
    void creatingAnExistingTopicFailsUnlessIfNotExists() {
        addTopic("orders", List.of(List.of(0)));

        CliRun.Result again = run("topics", "create", "orders", "--partitions", "1", "--replication-factor", "1");
        CliRun.Result tolerant = run("topics", "create", "orders", "--partitions", "1", "--replication-factor", "1", "--if-not-exists");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().lines()).hasSize(1).first().asString().contains("create topic orders").contains("exists");
        assertThat(tolerant.exitCode()).as(tolerant.toString()).isZero();
        assertThat(tolerant.out()).contains("already exists");
    }

    @Test
    void replicationFactorAboveTheBrokerCountIsOneClearLine() {
        CliRun.Result result = run("topics", "create", "orders", "--partitions", "1", "--replication-factor", "4");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("create topic orders").doesNotContain("\tat ");
    }

    @Test
    void describingAnUnknownTopicNamesIt() {
        CliRun.Result result = run("topics", "describe", "ghost");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1).first().asString().contains("ghost");
    }

    @Test
    void listAsJsonIsMachineReadable() throws IOException {
        addTopic("b", List.of(List.of(0, 1), List.of(1, 2)));
        addTopic("a", List.of(List.of(2)));

        CliRun.Result result = run("topics", "list", "--output", "json");

        JsonNode json = Json.MAPPER.readTree(result.out());
        assertThat(json.toString()).isEqualTo(
                "[{\"topic\":\"a\",\"partitions\":1,\"replicationFactor\":1},{\"topic\":\"b\",\"partitions\":2,\"replicationFactor\":2}]");
    }

    @Test
    void deleteRemovesTheTopic() {
        addTopic("orders", List.of(List.of(0)));

        CliRun.Result deleted = run("topics", "delete", "orders");
        CliRun.Result listed = run("topics", "list");

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(listed.out()).doesNotContain("orders");
    }

    @Test
    void clusterDescribeShowsIdControllerAndBrokers() {
        CliRun.Result result = run("cluster", "describe");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Cluster id: " + MockAdminClient.DEFAULT_CLUSTER_ID)
                .contains("Controller: 0")
                .containsPattern("0\\s+h0:9092\\s+-\\s+active\\s+yes")
                .containsPattern("2\\s+h2:9092\\s+-\\s+active");
    }

    @Test
    void configsSetThenDescribeShowsTheOverride() {
        addTopic("orders", List.of(List.of(0)));

        CliRun.Result set = run("configs", "set", "--topic", "orders", "retention.ms=1000");
        CliRun.Result described = run("configs", "describe", "--topic", "orders", "--output", "json");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(described.exitCode()).as(described.toString()).isZero();
        assertThat(described.out()).contains("\"name\" : \"retention.ms\"").contains("\"value\" : \"1000\"");
    }

    @Test
    void generateProposesAPlanInKafkasFormat() {
        addTopic("orders", List.of(List.of(0, 1), List.of(0, 1)));

        CliRun.Result result = run("partitions", "reassign", "--generate", "--topics", "orders", "--brokers", "1,2");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("""
                Current partition replica assignment
                {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[0,1],"log_dirs":["any","any"]},{"topic":"orders","partition":1,"replicas":[0,1],"log_dirs":["any","any"]}]}

                Proposed partition reassignment configuration
                {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,2],"log_dirs":["any","any"]},{"topic":"orders","partition":1,"replicas":[2,1],"log_dirs":["any","any"]}]}
                """);
    }

    @Test
    void malformedPlanIsOneLineNamingTheFile(@TempDir Path directory) throws IOException {
        Path plan = Files.writeString(directory.resolve("plan.json"), "{\"version\":1,\"partitions\":[{\"topic\":\"t\"}]}");

        CliRun.Result result = run("partitions", "reassign", "--execute", "--plan", plan.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("malformed plan " + plan).contains("partitions[0]");
    }

    @Test
    void impossiblePlanIsOneLineListingTheProblems(@TempDir Path directory) throws IOException {
        addTopic("orders", List.of(List.of(0, 1)));
        Path plan = Files.writeString(directory.resolve("plan.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,7]},"
                        + "{\"topic\":\"orders\",\"partition\":4,\"replicas\":[1,2]}]}");

        CliRun.Result result = run("partitions", "reassign", "--execute", "--plan", plan.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("impossible plan").contains("broker 7 is not in the cluster")
                .contains("partition orders-4 does not exist");
    }

    @Test
    void executeStartsTheMovesThenVerifyAndCancelSeeThem(@TempDir Path directory) throws IOException {
        addTopic("orders", List.of(List.of(0, 1)));
        Path plan = Files.writeString(directory.resolve("plan.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2]}]}");

        CliRun.Result executed = run("partitions", "reassign", "--execute", "--plan", plan.toString());
        CliRun.Result verified = run("partitions", "reassign", "--verify", "--plan", plan.toString());
        CliRun.Result cancelled = run("partitions", "reassign", "--cancel", "--plan", plan.toString());

        assertThat(executed.exitCode()).as(executed.toString()).isZero();
        assertThat(executed.out()).contains("save it to roll back")
                .contains("{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[0,1]")
                .containsPattern("orders\\s+0\\s+0,1\\s+1,2\\s+started");
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).containsPattern("orders\\s+0\\s+in progress");
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out()).containsPattern("orders\\s+0\\s+cancelled");
    }

    @Test
    void verifyOfAPlanNeverExecutedFails(@TempDir Path directory) throws IOException {
        addTopic("orders", List.of(List.of(0, 1)));
        Path plan = Files.writeString(directory.resolve("plan.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2]}]}");

        CliRun.Result result = run("partitions", "reassign", "--verify", "--plan", plan.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).containsPattern("orders\\s+0\\s+not applied\\s+0,1\\s+1,2");
        assertThat(result.err()).contains("1 of 1 partitions are neither reassigned nor moving");
    }

    @Test
    void electLeadersForAnUnknownPartitionNamesIt() {
        addTopic("orders", List.of(List.of(0, 1)));

        CliRun.Result result = run("leaders", "elect", "--unclean", "--topic", "orders", "--partition", "3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("partition orders-3 does not exist");
    }

    @Test
    void waitFailsWhenAPartitionStopsShortOfItsTarget(@TempDir Path directory) throws IOException {
        addTopic("orders", List.of(List.of(0, 1)));
        Path plan = Files.writeString(directory.resolve("plan.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2]}]}");

        CliRun.Result result = CliRun.cli().withAdmin(admin).withTime(new MockTime())
                .run("partitions", "reassign", "--verify", "--plan", plan.toString(), "--wait", "--poll-interval", "1s");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("0/1 partitions")
                .contains("reassignment of orders-0 stopped before completion: replicas are [0, 1], the plan asks for [1, 2]");
    }

    @Test
    void waitOnAPlanAlreadyInPlaceEndsAtOnceAndVerifiesComplete(@TempDir Path directory) throws IOException {
        addTopic("orders", List.of(List.of(0, 1)));
        Path plan = Files.writeString(directory.resolve("plan.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"orders\",\"partition\":0,\"replicas\":[0,1]}]}");

        CliRun.Result result = CliRun.cli().withAdmin(admin).withTime(new MockTime())
                .run("partitions", "reassign", "--verify", "--plan", plan.toString(), "--wait", "--output", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("100%  1/1 partitions");
        assertThat(result.out().replaceAll("\\s", "")).isEqualTo(
                "[{\"topic\":\"orders\",\"partition\":0,\"state\":\"complete\",\"replicas\":[0,1],\"target\":[0,1]}]");
    }

    @Test
    void aBugShowsItsStackTraceEvenWithoutVerbose() {
        // MockAdminClient does not implement electLeaders: an exception no real Admin client throws.
        CliRun.Result result = run("leaders", "elect", "--preferred", "--all");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("rafka leaders elect: internal error")
                .contains("UnsupportedOperationException").contains("\tat ");
    }
}
