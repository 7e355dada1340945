package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static io.rafka.cli.real.RealCli.rows;
import static io.rafka.cli.real.RealCli.tableBelowPreamble;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rafka cluster describe} and {@code rafka quorum describe} against one real node: the node
 * is the only broker, active, and the controller; it is the only voter and leads the quorum.
 */
class ClusterAndQuorumOnNodeTest extends OneNodeFixture {


    @Test
    void clusterDescribeShowsTheNodeAsActiveController() {
        String out = cli.ok("cluster", "describe").out();

        assertThat(out.lines().limit(3)).containsExactly("Cluster id: " + node.clusterId(), "Controller: " + id, "");
        assertThat(RealCli.header(tableBelowPreamble(out))).containsExactly("BROKER", "LISTENER", "RACK", "STATE", "CONTROLLER");
        assertThat(rows(tableBelowPreamble(out))).containsExactly(List.of(id, node.bootstrapServers(), "-", "active", "yes"));
    }

    @Test
    void clusterDescribeInJson() {
        JsonNode view = json(cli.ok("cluster", "describe", "--output", "json").out());

        assertThat(view.get("clusterId").asText()).isEqualTo(node.clusterId());
        assertThat(view.get("controller").asInt()).isEqualTo(node.nodeId());
        assertThat(view.get("brokers")).hasSize(1);
        JsonNode broker = view.get("brokers").get(0);
        assertThat(broker.get("id").asInt()).isEqualTo(node.nodeId());
        assertThat(broker.get("listener").asText()).isEqualTo(node.bootstrapServers());
        assertThat(broker.get("rack").isNull()).isTrue();
        assertThat(broker.get("state").asText()).isEqualTo("active");
        assertThat(broker.get("controller").asBoolean()).isTrue();
    }

    @Test
    void quorumDescribeShowsTheSingleVoterLeadingAndCaughtUp() {
        String out = cli.ok("quorum", "describe").out();

        String summary = out.lines().findFirst().orElseThrow();
        assertThat(summary).matches("Leader: " + id + "  Term: \\d+  Commit index: \\d+");
        assertThat(RealCli.header(tableBelowPreamble(out)))
                .containsExactly("ID", "ROLE", "ENDPOINTS", "LOG-END-OFFSET", "LAG", "LAST-FETCH", "LAST-CAUGHT-UP");
        List<List<String>> members = rows(tableBelowPreamble(out));
        assertThat(members).hasSize(1);
        List<String> leader = members.get(0);
        assertThat(leader.subList(0, 2)).containsExactly(id, "leader");
        assertThat(leader.get(2)).matches("CONTROLLER://[^:]+:\\d+");
        long commitIndex = Long.parseLong(summary.replaceAll(".*Commit index: ", ""));
        assertThat(Long.parseLong(leader.get(3))).as("the metadata log holds at least the committed records")
                .isGreaterThanOrEqualTo(commitIndex).isPositive();
        assertThat(leader.get(4)).isEqualTo("0");
        assertThat(leader.get(5)).matches("\\d+ ms ago");
    }

    @Test
    void quorumDescribeInJson() {
        JsonNode view = json(cli.ok("quorum", "describe", "--output", "json").out());

        assertThat(view.get("leaderId").asInt()).isEqualTo(node.nodeId());
        assertThat(view.get("term").asLong()).isPositive();
        assertThat(view.get("commitIndex").asLong()).isPositive();
        assertThat(view.get("members")).hasSize(1);
        JsonNode member = view.get("members").get(0);
        assertThat(member.get("id").asInt()).isEqualTo(node.nodeId());
        assertThat(member.get("role").asText()).isEqualTo("leader");
        assertThat(member.get("lag").asLong()).isZero();
        assertThat(member.get("lastFetchTimestampMs").asLong()).as("epoch ms").isGreaterThan(1_600_000_000_000L);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(cli.usageLine("cluster", "describe", "--output", "yaml")).contains("yaml");
        assertThat(cli.usageLine("quorum", "describe", "--timeout", "soon")).contains("soon");
        assertThat(cli.usageLine("cluster", "describe", "extra")).contains("extra");
    }
}
