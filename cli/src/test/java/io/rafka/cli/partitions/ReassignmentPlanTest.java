package io.rafka.cli.partitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReassignmentPlanTest {

    @Test
    void readsAPlanWrittenByKafkasTool() {
        String kafkaPlan = """
                {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[2,3],"log_dirs":["any","any"]},
                {"topic":"orders","partition":1,"replicas":[3,1],"log_dirs":["any","any"]}]}""";

        ReassignmentPlan plan = ReassignmentPlan.parse(kafkaPlan);

        assertThat(plan.moves()).containsExactly(
                new PartitionMove("orders", 0, List.of(2, 3)), new PartitionMove("orders", 1, List.of(3, 1)));
    }

    @Test
    void writesKafkasFormatOnOneLine() {
        ReassignmentPlan plan = new ReassignmentPlan(List.of(new PartitionMove("t", 0, List.of(1, 2))));

        assertThat(plan.toJson()).isEqualTo(
                "{\"version\":1,\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,2],\"log_dirs\":[\"any\",\"any\"]}]}");
    }

    @Test
    void logDirsAndVersionAreOptional() {
        ReassignmentPlan plan = ReassignmentPlan.parse("{\"partitions\":[{\"topic\":\"t\",\"partition\":3,\"replicas\":[1]}]}");

        assertThat(plan.moves()).containsExactly(new PartitionMove("t", 3, List.of(1)));
    }

    @Property(tries = 200)
    void anyPlanSurvivesWriteThenParse(@ForAll @IntRange(min = 1, max = 20) int partitions,
            @ForAll @IntRange(min = 1, max = 5) int replicationFactor, @ForAll @IntRange(min = 0, max = 100) int firstBroker) {
        List<PartitionMove> moves = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(firstBroker + (p + r) % replicationFactor);
            }
            moves.add(new PartitionMove("topic-" + (p % 3), p, replicas));
        }
        ReassignmentPlan plan = new ReassignmentPlan(moves);

        assertThat(ReassignmentPlan.parse(plan.toJson())).isEqualTo(plan);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{not json                                                                   | not valid JSON at line 1",
        "[]                                                                          | must be a JSON object",
        "{\"version\":2,\"partitions\":[]}                                           | unsupported plan version 2",
        "{\"version\":1}                                                             | \"partitions\" must be an array",
        "{\"version\":1,\"partitions\":[]}                                           | moves no partitions",
        "{\"partitions\":[{\"partition\":0,\"replicas\":[1]}]}                       | partitions[0]: \"topic\" must be",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":-1,\"replicas\":[1]}]}      | partitions[0]: \"partition\" must be",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[]}]}        | partitions[0]: \"replicas\" must be a non-empty",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,1]}]}     | broker 1 is listed twice",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[\"a\"]}]}   | replica \"a\" is not a broker id",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1]},{\"topic\":\"t\",\"partition\":0,\"replicas\":[2]}]} | partitions[1]: t-0 appears more than once",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1,2],\"log_dirs\":[\"any\"]}]} | one entry per replica",
        "{\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"replicas\":[1],\"log_dirs\":[\"/data/a\"]}]} | log dir \"/data/a\" is not supported",
    })
    void malformedPlansAreRejectedNamingTheProblem(String json, String expectedMessage) {
        assertThatThrownBy(() -> ReassignmentPlan.parse(json))
                .isInstanceOf(CliException.class)
                .hasMessageContaining(expectedMessage.trim());
    }

    @Test
    void impossiblePlansListEveryProblem() {
        ReassignmentPlan plan = new ReassignmentPlan(List.of(
                new PartitionMove("orders", 0, List.of(1, 2)),
                new PartitionMove("orders", 7, List.of(1, 2)),
                new PartitionMove("orders", 1, List.of(1, 9)),
                new PartitionMove("ghost", 0, List.of(1))));

        List<String> problems = PlanValidator.problems(plan, Map.of("orders", 3), Set.of(1, 2, 3));

        assertThat(problems).containsExactly(
                "partition orders-7 does not exist (topic has 3 partitions)",
                "orders-1: broker 9 is not in the cluster (brokers: [1, 2, 3])",
                "topic ghost does not exist");
    }

    @Test
    void possiblePlanHasNoProblems() {
        ReassignmentPlan plan = new ReassignmentPlan(List.of(new PartitionMove("orders", 2, List.of(3, 1))));

        assertThat(PlanValidator.problems(plan, Map.of("orders", 3), Set.of(1, 2, 3))).isEmpty();
    }

    @Test
    void generatedPlanStaggersPreferredLeadersAsDesignSays() {
        Map<String, List<List<Integer>>> current = new LinkedHashMap<>();
        current.put("A", List.of(List.of(1, 2, 3), List.of(1, 2, 3)));
        current.put("B", List.of(List.of(1, 2, 3), List.of(1, 2, 3)));

        ReassignmentPlan plan = PlanGenerator.generate(current, List.of(1, 2, 3));

        assertThat(plan.targets().values()).containsExactly(
                List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2), List.of(1, 2, 3));
    }

    @Test
    void generateKeepsEachPartitionsReplicationFactor() {
        ReassignmentPlan plan = PlanGenerator.generate(Map.of("t", List.of(List.of(1), List.of(1))), List.of(4, 5));

        assertThat(plan.targets().values()).containsExactly(List.of(4), List.of(5));
    }

    @Test
    void generateRefusesMoreReplicasThanBrokers() {
        assertThatThrownBy(() -> PlanGenerator.generate(Map.of("t", List.of(List.of(1, 2, 3))), List.of(1, 2)))
                .isInstanceOf(CliException.class)
                .hasMessage("topic t has replication factor 3 but --brokers names only 2 brokers");
    }
}
