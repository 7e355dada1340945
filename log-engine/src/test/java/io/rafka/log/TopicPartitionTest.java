package io.rafka.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicPartitionTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "orders", "Orders.v2", "__consumer_offsets", "a-b_c.d-09", "Z"})
    void acceptsKafkasTopicCharacters(String topic) {
        assertThat(new TopicPartition(topic, 3).dirName()).isEqualTo(topic + "-3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "colon:name", "caf\u00e9", "tab\tname", "star*"})
    void rejectsEveryOtherName(String topic) {
        assertThatThrownBy(() -> new TopicPartition(topic, 0)).hasMessageContaining("illegal topic name");
    }

    @Test
    void acceptsUpTo249Characters() {
        assertThat(new TopicPartition("t".repeat(249), 0).topic()).hasSize(249);
        assertThatThrownBy(() -> new TopicPartition("t".repeat(250), 0)).hasMessageContaining("illegal topic name");
        assertThatThrownBy(() -> new TopicPartition(null, 0)).hasMessageContaining("illegal topic name");
    }

    @Test
    void parsesPartitionDirectoriesAndNothingElse() {
        assertThat(TopicPartition.fromDirName("my-topic-12")).contains(new TopicPartition("my-topic", 12));
        assertThat(TopicPartition.fromDirName("my-topic")).isEmpty();
        assertThat(TopicPartition.fromDirName("bad name-1")).isEmpty();
        assertThat(TopicPartition.fromDirName("-1")).isEmpty();
        assertThat(TopicPartition.fromDirName("t-99999999999")).isEmpty();
    }
}
