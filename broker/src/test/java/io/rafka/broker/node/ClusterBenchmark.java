package io.rafka.broker.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A quick look at replicated produce: three nodes in this JVM (so they share its heap and the two
 * cores with the client), RF 3, min.insync.replicas=2, 6 partitions, acks=all then acks=1, the stock
 * producer unthrottled. Not the side-by-side benchmark (that is bench/, with separate processes); it
 * is for spotting regressions and profiling the replication path with JFR. Not a test.
 *
 * <pre>
 * mvn -B -q -o -pl broker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rafka.broker.node.ClusterBenchmark -Dexec.args="200000"
 * </pre>
 */
public final class ClusterBenchmark {

    private static final int PARTITIONS = 6;

    private ClusterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dataDir = Files.createTempDirectory("rafka-cluster-bench");
        try (TestCluster cluster = TestCluster.start(dataDir, 3, Map.of("log.segment.bytes",
                String.valueOf(256 * 1024 * 1024)))) {
            for (String acks : List.of("all", "1")) {
                String topic = "bench-rf3-acks-" + acks;
                Map<Integer, List<Integer>> assignment = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    assignment.put(p, List.of(1 + p % 3, 1 + (p + 1) % 3, 1 + (p + 2) % 3));
                }
                cluster.createTopic(topic, assignment, Map.of("min.insync.replicas", "2"));
                DataPlaneBenchmark.produce(cluster.clientProperties(), topic, acks, records);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
