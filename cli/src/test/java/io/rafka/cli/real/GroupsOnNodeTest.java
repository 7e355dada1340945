package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static io.rafka.cli.real.RealCli.rows;
import static io.rafka.cli.real.RealCli.tableBelowPreamble;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.broker.node.TestNode;
import io.rafka.cli.CliRun;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code rafka groups list/describe/reset-offsets/delete} and {@code consume --group} against one
 * real node: a group commits exactly what it printed, describe shows offsets, lag and members,
 * resets are dry runs unless executed and are refused while a member is active.
 */
class GroupsOnNodeTest extends OneNodeFixture {
    private static final String IDLE_TIMEOUT = "20s";


    /** A one-partition topic holding r0..r4, read by {@code group} up to offset 2. */
    private static void fiveRecordsTwoConsumed(String topic, String group) {
        cli.ok("topics", "create", topic, "--partitions", "1", "--replication-factor", "1");
        cli.okWithStdin("r0\nr1\nr2\nr3\nr4\n", "produce", "--topic", topic);
        CliRun.Result consumed = cli.ok("consume", "--topic", topic, "--group", group, "--from-beginning",
                "--max-messages", "2", "--idle-timeout", IDLE_TIMEOUT);
        assertThat(consumed.out().lines()).containsExactly("r0", "r1");
    }

    @Test
    void aGroupCommitsExactlyWhatItPrintedAndResumesThere() {
        fiveRecordsTwoConsumed("resumed", "resumer");

        CliRun.Result described = cli.ok("groups", "describe", "resumer");
        CliRun.Result resumed = cli.ok("consume", "--topic", "resumed", "--group", "resumer", "--max-messages", "3",
                "--idle-timeout", IDLE_TIMEOUT);
        List<List<String>> caughtUp = rows(tableBelowPreamble(cli.ok("groups", "describe", "resumer").out()));

        assertThat(described.out().lines().findFirst().orElseThrow()).isEqualTo("Group: resumer  State: empty");
        assertThat(RealCli.header(tableBelowPreamble(described.out()))).containsExactly(
                "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
        assertThat(rows(tableBelowPreamble(described.out())))
                .containsExactly(List.of("resumed", "0", "2", "5", "3", "-", "-", "-"));
        assertThat(resumed.out().lines()).containsExactly("r2", "r3", "r4");
        assertThat(caughtUp).containsExactly(List.of("resumed", "0", "5", "5", "0", "-", "-", "-"));
    }

    @Test
    void listAndDescribeInJson() {
        fiveRecordsTwoConsumed("listed", "lister");

        List<List<String>> table = rows(cli.ok("groups", "list").out());
        JsonNode listed = json(cli.ok("groups", "list", "--output", "json").out());
        JsonNode described = json(cli.ok("groups", "describe", "lister", "--output", "json").out());

        assertThat(table).contains(List.of("lister", "classic", "consumer", "empty"));
        assertThat(listed.findValuesAsText("group")).contains("lister");
        assertThat(described.get("group").asText()).isEqualTo("lister");
        assertThat(described.get("state").asText()).isEqualTo("empty");
        JsonNode partition = described.get("partitions").get(0);
        assertThat(partition.get("topic").asText()).isEqualTo("listed");
        assertThat(partition.get("committedOffset").asLong()).isEqualTo(2);
        assertThat(partition.get("logEndOffset").asLong()).isEqualTo(5);
        assertThat(partition.get("lag").asLong()).isEqualTo(3);
        assertThat(partition.get("consumerId").isNull()).isTrue();
    }

    @Test
    void resetIsADryRunUnlessExecuted() {
        fiveRecordsTwoConsumed("reset-dry", "dry");

        CliRun.Result dryRun = cli.ok("groups", "reset-offsets", "dry", "--topic", "reset-dry", "--to-earliest");

        assertThat(rows(dryRun.out())).containsExactly(List.of("reset-dry", "0", "2", "0"));
        assertThat(dryRun.err()).isEqualTo("Dry run: nothing committed. Add --execute to apply.\n");
        assertThat(committed("dry")).isEqualTo("2");
    }

    @Test
    void executedResetsMoveTheCommittedOffsetClampedIntoTheLog() {
        fiveRecordsTwoConsumed("reset-exec", "mover");

        CliRun.Result toOffset = cli.ok("groups", "reset-offsets", "mover", "--topic", "reset-exec", "--to-offset", "4", "--execute");
        String afterToOffset = committed("mover");
        CliRun.Result beyondTheEnd = cli.ok("groups", "reset-offsets", "mover", "--topic", "reset-exec", "--to-offset", "99",
                "--execute");
        String afterBeyond = committed("mover");
        cli.ok("groups", "reset-offsets", "mover", "--topic", "reset-exec", "--to-datetime", "2000-01-01T00:00:00", "--execute");
        String afterPast = committed("mover");
        cli.ok("groups", "reset-offsets", "mover", "--topic", "reset-exec", "--to-datetime", "2999-01-01T00:00:00Z", "--execute");
        String afterFuture = committed("mover");
        cli.ok("groups", "reset-offsets", "mover", "--topic", "reset-exec", "--to-earliest", "--execute");
        CliRun.Result reread = cli.ok("consume", "--topic", "reset-exec", "--group", "mover", "--max-messages", "5",
                "--idle-timeout", IDLE_TIMEOUT);

        assertThat(rows(toOffset.out())).containsExactly(List.of("reset-exec", "0", "2", "4"));
        assertThat(toOffset.err()).isEmpty();
        assertThat(afterToOffset).isEqualTo("4");
        assertThat(rows(beyondTheEnd.out())).containsExactly(List.of("reset-exec", "0", "4", "5"));
        assertThat(afterBeyond).isEqualTo("5");
        assertThat(afterPast).as("every record is newer than 2000").isEqualTo("0");
        assertThat(afterFuture).as("no record that new: the log end").isEqualTo("5");
        assertThat(reread.out().lines()).containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void anActiveMemberIsShownAndBlocksResetAndDelete() {
        fiveRecordsTwoConsumed("busy", "busy-group");
        Properties properties = TestNode.clientProperties(node);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "busy-group");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "member-probe");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of("busy"));
            Awaitility.await("busy-group assigns busy-0").atMost(Duration.ofSeconds(30)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        member.poll(Duration.ofMillis(100));
                        return !member.assignment().isEmpty();
                    });

            CliRun.Result described = cli.ok("groups", "describe", "busy-group");
            String reset = cli.errorLine("groups", "reset-offsets", "busy-group", "--topic", "busy", "--to-earliest", "--execute");
            String delete = cli.errorLine("groups", "delete", "busy-group");

            assertThat(described.out().lines().findFirst().orElseThrow()).isEqualTo("Group: busy-group  State: stable");
            List<String> row = rows(tableBelowPreamble(described.out())).get(0);
            assertThat(row.subList(0, 5)).isEqualTo(List.of("busy", "0", "2", "5", "3"));
            assertThat(row.get(5)).startsWith("member-probe-");
            assertThat(row.get(6)).isEqualTo("/127.0.0.1");
            assertThat(row.get(7)).isEqualTo("member-probe");
            assertThat(reset).startsWith("rafka groups reset-offsets: error: reset offsets of group busy-group "
                    + "(it must have no active members): ");
            assertThat(delete).isEqualTo("rafka groups delete: error: delete group busy-group: The group is not empty.");
        }
        assertThat(committed("busy-group")).as("nothing was reset").isEqualTo("2");
    }

    @Test
    void deletedGroupIsGone() {
        fiveRecordsTwoConsumed("deleting", "doomed");

        CliRun.Result deleted = cli.ok("groups", "delete", "doomed");

        assertThat(rows(deleted.out())).containsExactly(List.of("doomed", "deleted"));
        assertThat(rows(cli.ok("groups", "list").out())).extracting(row -> row.get(0)).doesNotContain("doomed");
        assertThat(cli.errorLine("groups", "describe", "doomed")).startsWith("rafka groups describe: error: describe group doomed: ")
                .contains("not found");
        assertThat(cli.errorLine("groups", "delete", "doomed")).startsWith("rafka groups delete: error: delete group doomed: ")
                .contains("does not exist");
    }

    @Test
    void badInputIsOneLineOrUsage() {
        fiveRecordsTwoConsumed("bad-input", "careful");

        assertThat(cli.errorLine("groups", "reset-offsets", "careful", "--topic", "missing", "--to-earliest"))
                .isEqualTo("rafka groups reset-offsets: error: describe topic missing: no such topic or partition");
        assertThat(cli.usageLine("groups", "reset-offsets", "careful", "--topic", "bad-input", "--to-datetime", "yesterday"))
                .isEqualTo("--to-datetime 'yesterday' is not an ISO date-time like 2026-11-23T08:00:00Z");
        assertThat(cli.usageLine("groups", "reset-offsets", "careful", "--topic", "bad-input")).contains("--to-earliest");
        assertThat(cli.usageLine("groups", "reset-offsets", "careful", "--topic", "bad-input", "--to-earliest", "--to-latest"))
                .contains("mutually exclusive");
        assertThat(committed("careful")).isEqualTo("2");
    }

    /** The group's committed offset of partition 0, as {@code groups describe} prints it. */
    private static String committed(String group) {
        String table = tableBelowPreamble(cli.ok("groups", "describe", group).out());
        return rows(table).get(0).get(2);
    }
}
