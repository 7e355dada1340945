package io.rafka.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.cli.CliException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProduceLineParserTest {

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void withoutSeparatorTheLineIsTheValueAndTheKeyIsNull() {
        ProduceLineParser.KeyAndValue record = new ProduceLineParser(null).parse("user-1:clicked", 1);

        assertThat(record.key()).isNull();
        assertThat(text(record.value())).isEqualTo("user-1:clicked");
    }

    @Test
    void splitsAtTheFirstSeparatorOnly() {
        ProduceLineParser.KeyAndValue record = new ProduceLineParser(":").parse("user-1:clicked:twice", 1);

        assertThat(text(record.key())).isEqualTo("user-1");
        assertThat(text(record.value())).isEqualTo("clicked:twice");
    }

    @Test
    void separatorsMayBeLongerThanOneCharacterAndValuesEmpty() {
        ProduceLineParser.KeyAndValue record = new ProduceLineParser("::").parse("ключ::", 1);

        assertThat(text(record.key())).isEqualTo("ключ");
        assertThat(record.value()).isEmpty();
    }

    @Test
    void aLineWithoutTheSeparatorIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> new ProduceLineParser("\t").parse("no tab here", 7))
                .isInstanceOf(CliException.class)
                .hasMessage("line 7 has no key separator '\t'");
    }

    @Test
    void emptySeparatorIsRefused() {
        assertThatThrownBy(() -> new ProduceLineParser("")).isInstanceOf(CliException.class);
    }

    @Test
    void consumedRecordsPrintOffsetKeyAndValueOnRequest() {
        byte[] value = "v".getBytes(StandardCharsets.UTF_8);

        assertThat(new RecordFormatter(false, false).format(0, 5, null, value)).isEqualTo("v");
        assertThat(new RecordFormatter(true, true).format(2, 5, null, value)).isEqualTo("2:5\tnull\tv");
        assertThat(new RecordFormatter(false, true).format(2, 5, "k".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("k\tnull");
    }
}
