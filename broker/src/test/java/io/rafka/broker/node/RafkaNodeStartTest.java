package io.rafka.broker.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RafkaNodeStartTest {

    @TempDir
    Path dataDir;

    @Test
    void singleNodeStartsUnfencedWithItsRealPortAdvertised() throws Exception {
        try (RafkaNode node = TestNode.start(dataDir)) {
            int port = node.boundPort("PLAINTEXT");
            assertThat(port).isPositive();
            assertThat(node.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(node.quorum().currentImage().isUnfenced(node.nodeId())).isTrue();
            assertThat(node.quorum().currentImage().broker(node.nodeId()).endpoints().get(0).port()).isEqualTo(port);
            System.out.println("start-up took " + node.startupMs() + " ms");
        }
    }
}
