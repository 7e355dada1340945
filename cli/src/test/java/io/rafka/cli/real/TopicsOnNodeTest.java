package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static io.rafka.cli.real.RealCli.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.cli.CliRun;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code rafka topics create/list/describe/alter/delete} against one real node, and their bad
 * input: each refusal is one stderr line and exit code 1. One node serves the whole class; every
 * test uses its own topic names.
 */
class TopicsOnNodeTest extends OneNodeFixture {


    @Test
    void createdTopicIsListedAndDescribedPartitionByPartition() {
        CliRun.Result created = cli.ok("topics", "create", "described", "--partitions", "3", "--replication-factor", "1",
                "--config", "retention.ms=86400000");
        CliRun.Result listed = cli.ok("topics", "list");
        CliRun.Result described = cli.ok("topics", "describe", "described");

        assertThat(created.out()).isEqualTo("TOPIC      RESULT\ndescribed  created\n");
        assertThat(rows(listed.out())).contains(List.of("described", "3", "1"));
        assertThat(described.out().lines().findFirst().orElseThrow())
                .isEqualTo("TOPIC      PARTITION  LEADER  REPLICAS  ISR  STATUS  UNCLEAN-LOSS");
        assertThat(rows(described.out())).containsExactly(
                List.of("described", "0", id, id + "*", id, "ok", "-"),
                List.of("described", "1", id, id + "*", id, "ok", "-"),
                List.of("described", "2", id, id + "*", id, "ok", "-"));
    }

    @Test
    void jsonOutputCarriesTheSameFacts() {
        cli.ok("topics", "create", "as-json", "--partitions", "2", "--replication-factor", "1");

        JsonNode listed = json(cli.ok("topics", "list", "--output", "json").out());
        JsonNode described = json(cli.ok("topics", "describe", "as-json", "--output", "json").out());

        JsonNode summary = StreamSupport.stream(listed.spliterator(), false)
                .filter(topic -> topic.get("topic").asText().equals("as-json")).findFirst().orElseThrow();
        assertThat(summary.get("partitions").asInt()).isEqualTo(2);
        assertThat(summary.get("replicationFactor").asInt()).isEqualTo(1);
        assertThat(described).hasSize(2);
        for (int partition = 0; partition < 2; partition++) {
            JsonNode view = described.get(partition);
            assertThat(view.get("topic").asText()).isEqualTo("as-json");
            assertThat(view.get("partition").asInt()).isEqualTo(partition);
            assertThat(view.get("leader").asInt()).isEqualTo(node.nodeId());
            assertThat(view.get("replicas").toString()).isEqualTo("[" + id + "]");
            assertThat(view.get("preferredLeader").asInt()).isEqualTo(node.nodeId());
            assertThat(view.get("isr").toString()).isEqualTo("[" + id + "]");
            assertThat(view.get("offline").asBoolean()).isFalse();
            assertThat(view.get("underReplicated").asBoolean()).isFalse();
            assertThat(view.get("recordsLostToUncleanElection").isNull()).as("no loss reported").isTrue();
        }
    }

    @Test
    void describeWithoutNamesCoversEveryTopic() {
        cli.ok("topics", "create", "every-a", "--partitions", "1", "--replication-factor", "1");
        cli.ok("topics", "create", "every-b", "--partitions", "2", "--replication-factor", "1");

        List<List<String>> rows = rows(cli.ok("topics", "describe").out());

        assertThat(rows).extracting(row -> row.get(0) + "-" + row.get(1)).contains("every-a-0", "every-b-0", "every-b-1");
    }

    @Test
    void alterGrowsThePartitionCountAndRefusesToShrinkIt() {
        cli.ok("topics", "create", "growing", "--partitions", "1", "--replication-factor", "1");

        CliRun.Result grown = cli.ok("topics", "alter", "growing", "--partitions", "4");
        String shrink = cli.errorLine("topics", "alter", "growing", "--partitions", "2");

        assertThat(rows(grown.out())).containsExactly(List.of("growing", "4"));
        RealCli.eventually(() -> assertThat(rows(cli.ok("topics", "describe", "growing").out())).extracting(row -> row.get(1))
                .containsExactly("0", "1", "2", "3"));
        assertThat(shrink).startsWith("rafka topics alter: error: increase partitions of topic growing to 2: ")
                .contains("4 partitions");
    }

    @Test
    void deletedTopicIsGoneFromListAndDescribe() {
        cli.ok("topics", "create", "short-lived", "--partitions", "1", "--replication-factor", "1");

        CliRun.Result deleted = cli.ok("topics", "delete", "short-lived");

        assertThat(rows(deleted.out())).containsExactly(List.of("short-lived", "deleted"));
        RealCli.eventually(() -> assertThat(rows(cli.ok("topics", "list").out())).extracting(row -> row.get(0))
                .doesNotContain("short-lived"));
        assertThat(cli.errorLine("topics", "describe", "short-lived")).contains("no such topic");
    }

    @Test
    void creatingAnExistingTopicFailsUnlessIfNotExists() {
        cli.ok("topics", "create", "twice", "--partitions", "1", "--replication-factor", "1");

        String again = cli.errorLine("topics", "create", "twice", "--partitions", "1", "--replication-factor", "1");
        CliRun.Result tolerated = cli.ok("topics", "create", "twice", "--partitions", "1", "--replication-factor", "1",
                "--if-not-exists");

        assertThat(again).isEqualTo("rafka topics create: error: create topic twice: Topic 'twice' already exists.");
        assertThat(rows(tolerated.out())).containsExactly(List.of("twice", "already exists"));
    }

    @Test
    void replicationFactorAboveTheBrokerCountIsOneLine() {
        String error = cli.errorLine("topics", "create", "too-many-copies", "--partitions", "1", "--replication-factor", "3");

        assertThat(error).startsWith("rafka topics create: error: create topic too-many-copies: ")
                .contains("replication factor of 3").contains("only 1 broker");
        assertThat(rows(cli.ok("topics", "list").out())).extracting(row -> row.get(0)).doesNotContain("too-many-copies");
    }

    @Test
    void unknownConfigKeyIsOneLine() {
        String error = cli.errorLine("topics", "create", "bad-key", "--partitions", "1", "--replication-factor", "1",
                "--config", "retention.msec=1000");

        assertThat(error).isEqualTo("rafka topics create: error: create topic bad-key: Unknown topic config name: retention.msec");
    }

    @Test
    void badConfigValueIsOneLine() {
        String error = cli.errorLine("topics", "create", "bad-value", "--partitions", "1", "--replication-factor", "1",
                "--config", "retention.ms=a-week");

        assertThat(error).startsWith("rafka topics create: error: create topic bad-value: ")
                .contains("Invalid value a-week for configuration retention.ms");
    }

    @Test
    void illegalNameAndPartitionCountAreOneLine() {
        assertThat(cli.errorLine("topics", "create", "no spaces!", "--partitions", "1", "--replication-factor", "1"))
                .contains("create topic no spaces!").contains("illegal");
        assertThat(cli.errorLine("topics", "create", "no-partitions", "--partitions", "0", "--replication-factor", "1"))
                .contains("create topic no-partitions").contains("partitions");
    }

    @Test
    void unknownTopicIsOneLineForDescribeAlterAndDelete() {
        assertThat(cli.errorLine("topics", "describe", "missing"))
                .isEqualTo("rafka topics describe: error: describe topic missing: no such topic or partition");
        assertThat(cli.errorLine("topics", "alter", "missing", "--partitions", "2"))
                .isEqualTo("rafka topics alter: error: increase partitions of topic missing to 2: no such topic or partition");
        assertThat(cli.errorLine("topics", "delete", "missing"))
                .isEqualTo("rafka topics delete: error: delete topic missing: no such topic or partition");
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertThat(cli.usageLine("topics", "alter", "whatever")).contains("--partitions");
        assertThat(cli.usageLine("topics", "create", "whatever", "--partitions", "many")).contains("many");
        assertThat(cli.usageLine("topics", "create", "whatever", "--config", "no-equals-sign")).contains("no-equals-sign");
    }
}
