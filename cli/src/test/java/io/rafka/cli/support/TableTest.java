package io.rafka.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rafka.common.Checks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TableTest {

    @Test
    void columnsAlignOnTheWidestCellWithoutTrailingBlanks() {
        Table table = new Table("TOPIC", "PARTITION", "LEADER")
                .addRow("orders", 0, 1)
                .addRow("payments-eu", 12, null);

        assertThat(table.render()).isEqualTo("""
                TOPIC        PARTITION  LEADER
                orders       0          1
                payments-eu  12         -
                """);
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsABug() {
        Table table = new Table("A", "B");

        assertThatThrownBy(() -> table.addRow("only one")).isInstanceOf(Checks.InvariantViolation.class);
    }

    record Sample(String topic, int partitions, List<Integer> replicas, Long missing) {}

    @Test
    void jsonKeepsTypesAndNulls() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.write(List.of(new Sample("orders", 3, List.of(1, 2), null))));

        assertThat(json.get(0).get("topic").asText()).isEqualTo("orders");
        assertThat(json.get(0).get("partitions").isInt()).isTrue();
        assertThat(json.get(0).get("replicas").toString()).isEqualTo("[1,2]");
        assertThat(json.get(0).get("missing").isNull()).isTrue();
    }

    @Test
    void durationsAcceptUnitsAndBareSeconds() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void keyValueSplitsAtTheFirstEquals() {
        assertThat(KeyValue.parse("a=b=c")).isEqualTo(new KeyValue("a", "b=c"));
        assertThat(KeyValue.parse("empty=")).isEqualTo(new KeyValue("empty", ""));
        assertThatThrownBy(() -> KeyValue.parse("=v")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> KeyValue.parse("novalue")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
