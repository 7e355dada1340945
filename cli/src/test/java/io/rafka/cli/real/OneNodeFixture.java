package io.rafka.cli.real;

import io.rafka.broker.node.RafkaNode;
import io.rafka.broker.node.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real node for a whole test class (each test uses its own topic and group names), and the CLI
 * pointed at it. No initial rebalance delay, so a consumer joining an empty group is assigned at once.
 */
abstract class OneNodeFixture {

    @TempDir
    static Path dataDir;

    static RafkaNode node;
    static RealCli cli;
    /** The node's id as the commands print it. */
    static String id;

    @BeforeAll
    static void startNode() throws IOException {
        node = TestNode.start(dataDir, Map.of("group.initial.rebalance.delay.ms", "0"));
        cli = RealCli.at(node::bootstrapServers);
        id = Integer.toString(node.nodeId());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }
}
