package io.rafka.cli.real;

import static io.rafka.cli.real.RealCli.json;
import static io.rafka.cli.real.RealCli.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.cli.CliRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rafka configs describe/set/delete} on a topic and on a broker of one real node: overrides
 * appear, change and disappear incrementally; bad keys, bad values, unknown topics and unknown
 * brokers are one stderr line each.
 */
class ConfigsOnNodeTest extends OneNodeFixture {

    private static String broker;

    @BeforeAll
    static void brokerId() {
        broker = id;
    }

    private static void createTopic(String name, String... configs) {
        List<String> args = new java.util.ArrayList<>(List.of("topics", "create", name, "--partitions", "1",
                "--replication-factor", "1"));
        for (String config : configs) {
            args.add("--config");
            args.add(config);
        }
        cli.ok(args.toArray(String[]::new));
    }

    @Test
    void topicOverridesAreSetAndDeletedIncrementally() {
        createTopic("overridden", "retention.ms=86400000");
        List<List<String>> atCreation = rows(cli.ok("configs", "describe", "--topic", "overridden").out());

        CliRun.Result set = cli.ok("configs", "set", "--topic", "overridden", "retention.ms=3600000", "cleanup.policy=compact");
        RealCli.eventually(() -> assertThat(rows(cli.ok("configs", "describe", "--topic", "overridden").out())).containsExactly(
                List.of("cleanup.policy", "compact", "dynamic_topic_config", "false", "false"),
                List.of("retention.ms", "3600000", "dynamic_topic_config", "false", "false")));
        CliRun.Result deleted = cli.ok("configs", "delete", "--topic", "overridden", "retention.ms");
        RealCli.eventually(() -> assertThat(rows(cli.ok("configs", "describe", "--topic", "overridden").out()))
                .as("cleanup.policy keeps its value")
                .containsExactly(List.of("cleanup.policy", "compact", "dynamic_topic_config", "false", "false")));

        assertThat(atCreation).containsExactly(List.of("retention.ms", "86400000", "dynamic_topic_config", "false", "false"));
        assertThat(rows(set.out())).containsExactly(List.of("retention.ms", "3600000"), List.of("cleanup.policy", "compact"));
        assertThat(rows(deleted.out())).containsExactly(List.of("retention.ms", "deleted"));
    }

    @Test
    void allIncludesTheDefaultsAndJsonNamesTheSource() {
        createTopic("with-defaults", "min.insync.replicas=1");

        List<List<String>> all = rows(cli.ok("configs", "describe", "--topic", "with-defaults", "--all").out());
        JsonNode overrides = json(cli.ok("configs", "describe", "--topic", "with-defaults", "--output", "json").out());

        assertThat(all).contains(List.of("min.insync.replicas", "1", "dynamic_topic_config", "false", "false"),
                List.of("cleanup.policy", "delete", "default_config", "false", "false"));
        assertThat(all).extracting(row -> row.get(0)).contains("retention.ms", "segment.bytes").isSorted();
        assertThat(overrides).hasSize(1);
        assertThat(overrides.get(0).get("name").asText()).isEqualTo("min.insync.replicas");
        assertThat(overrides.get(0).get("value").asText()).isEqualTo("1");
        assertThat(overrides.get(0).get("source").asText()).isEqualTo("dynamic_topic_config");
        assertThat(overrides.get(0).get("readOnly").asBoolean()).isFalse();
    }

    @Test
    void brokerConfigsAreSetAndDeleted() {
        List<List<String>> before = rows(cli.ok("configs", "describe", "--broker", broker).out());

        cli.ok("configs", "set", "--broker", broker, "log.retention.ms=100000");
        RealCli.eventually(() -> assertThat(rows(cli.ok("configs", "describe", "--broker", broker).out()))
                .contains(List.of("log.retention.ms", "100000", "dynamic_broker_config", "false", "false")));
        cli.ok("configs", "delete", "--broker", broker, "log.retention.ms");
        RealCli.eventually(() -> assertThat(rows(cli.ok("configs", "describe", "--broker", broker).out())).isEqualTo(before));

        assertThat(before).contains(List.of("log.dirs", dataDir.toString(), "static_broker_config", "true", "false"));
        assertThat(before).extracting(row -> row.get(0)).doesNotContain("log.retention.ms");
    }

    @Test
    void unknownConfigKeyIsOneLine() {
        createTopic("bad-key");

        assertThat(cli.errorLine("configs", "set", "--topic", "bad-key", "retention.msec=1000"))
                .isEqualTo("rafka configs set: error: set configs of topic bad-key: Unknown topic config name: retention.msec");
    }

    @Test
    void badConfigValueIsOneLineAndChangesNothing() {
        createTopic("bad-value", "retention.ms=86400000");

        String error = cli.errorLine("configs", "set", "--topic", "bad-value", "retention.ms=a-week");

        assertThat(error).startsWith("rafka configs set: error: set configs of topic bad-value: ")
                .contains("Invalid value a-week for configuration retention.ms");
        assertThat(rows(cli.ok("configs", "describe", "--topic", "bad-value").out()))
                .containsExactly(List.of("retention.ms", "86400000", "dynamic_topic_config", "false", "false"));
    }

    @Test
    void unknownTopicIsOneLine() {
        assertThat(cli.errorLine("configs", "describe", "--topic", "missing")).contains("describe configs of topic missing")
                .contains("no such topic");
        assertThat(cli.errorLine("configs", "set", "--topic", "missing", "retention.ms=1000"))
                .isEqualTo("rafka configs set: error: set configs of topic missing: no such topic or partition");
    }

    @Test
    void unknownBrokerIsOneLineAtOnce() {
        long startNs = System.nanoTime();

        String describe = cli.errorLine("configs", "describe", "--broker", "99");
        String set = cli.errorLine("configs", "set", "--broker", "99", "log.retention.ms=1000");
        String delete = cli.errorLine("configs", "delete", "--broker", "99", "log.retention.ms");

        // Without the check the Admin client waits out --timeout (30 s) for a broker that does not exist.
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(15));
        assertThat(describe).isEqualTo("rafka configs describe: error: broker 99 is not in the cluster (brokers: [" + broker + "])");
        assertThat(set).isEqualTo("rafka configs set: error: broker 99 is not in the cluster (brokers: [" + broker + "])");
        assertThat(delete).isEqualTo("rafka configs delete: error: broker 99 is not in the cluster (brokers: [" + broker + "])");
    }

    @Test
    void targetMustBeExactlyOneOfTopicAndBroker() {
        assertThat(cli.usageLine("configs", "describe")).contains("Missing required argument").contains("--broker");
        assertThat(cli.usageLine("configs", "describe", "--topic", "t", "--broker", broker)).contains("mutually exclusive");
        assertThat(cli.usageLine("configs", "set", "--topic", "t", "retention.ms")).contains("retention.ms");
    }
}
