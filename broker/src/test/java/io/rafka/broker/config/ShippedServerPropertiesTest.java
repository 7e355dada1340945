package io.rafka.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code config/server.properties} is the documented single-node configuration: it must list every
 * key Rafka reads with its real default, so it is compared with what the code renders. When a key
 * is added, regenerate the file from {@link RafkaConfig#documentedProperties()}.
 */
class ShippedServerPropertiesTest {

    private static final Path SHIPPED = Path.of("..", "config", "server.properties");

    @Test
    void shippedFileIsExactlyTheRenderedDocumentation() throws IOException {
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8))
                .as("config/server.properties is stale: regenerate it from RafkaConfig.documentedProperties()")
                .isEqualTo(RafkaConfig.documentedProperties());
    }

    @Test
    void shippedFileLoadsToTheDefaultsWithoutUnknownKeys() throws IOException {
        RafkaConfig loaded = RafkaConfig.load(SHIPPED, List.of());
        assertThat(loaded.unknownKeys()).isEmpty();
        assertThat(loaded.nodeId()).isEqualTo(RafkaConfig.defaults().nodeId());
        assertThat(loaded.listeners()).isEqualTo(RafkaConfig.defaults().listeners());
    }
}
