package io.rafka.broker.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rafka.broker.config.InvalidConfigException;
import io.rafka.broker.config.RafkaConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RafkaServerMainTest {

    @TempDir
    Path dir;

    @Test
    void overridesApplyOnTopOfTheConfigFile() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "node.id=7\ncontroller.quorum.voters=7@localhost:9093\nnum.partitions=4\n");
        RafkaConfig config = RafkaServerMain.loadConfig(new String[] {"--config", file.toString(),
            "--override", "num.partitions=9"});
        assertThat(config.nodeId()).isEqualTo(7);
        assertThat(config.numPartitions()).isEqualTo(9);
    }

    @Test
    void noArgumentsMeanRafkaDefaults() throws Exception {
        RafkaConfig config = RafkaServerMain.loadConfig(new String[0]);
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.clientListeners().get(0).port()).isEqualTo(9092);
    }

    @Test
    void badArgumentsAndValuesAreRefusedWithAMessage() {
        assertThatThrownBy(() -> RafkaServerMain.loadConfig(new String[] {"--cfg", "x"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cfg");
        assertThatThrownBy(() -> RafkaServerMain.loadConfig(new String[] {"--override"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RafkaServerMain.loadConfig(new String[] {"--config", dir.resolve("missing").toString()}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> RafkaServerMain.loadConfig(new String[] {"--override", "num.partitions=zero"}))
            .isInstanceOf(InvalidConfigException.class).hasMessageContaining("num.partitions");
    }

    @Test
    void startAndAnnouncePrintsNodeClusterListenersDataDirAndReady() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (RafkaNode node = RafkaServerMain.startAndAnnounce(TestNode.config(dir, java.util.Map.of()), List.of(),
                new PrintWriter(new OutputStreamWriter(printed, StandardCharsets.UTF_8), true))) {
            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("node id:     1")
                .contains("cluster id:  " + node.clusterId())
                .contains("PLAINTEXT://127.0.0.1:" + node.boundPort("PLAINTEXT"))
                .contains("data dir:    " + dir.toAbsolutePath().normalize())
                .containsPattern("ready in \\d+ ms");
        }
    }
}
