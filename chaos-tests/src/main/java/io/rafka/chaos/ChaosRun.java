package io.rafka.chaos;

import io.rafka.chaos.checker.CheckResult;
import io.rafka.chaos.checker.HistoryChecker;
import io.rafka.chaos.cluster.ChaosCluster;
import io.rafka.chaos.history.History;
import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.FaultWindow;
import io.rafka.chaos.report.RunReport;
import io.rafka.chaos.workload.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One run of one scenario: its directory ({@code <outputDir>/<scenario>-<time>}), history, cluster, and the
 * steps every scenario shares (create topics, settle, final read, check, report).
 */
public final class ChaosRun implements AutoCloseable {

    private final String scenario;
    private final ChaosSettings settings;
    private final Path dir;
    private final History history;
    private final ChaosCluster cluster;
    private final long startNs = System.nanoTime();

    private ChaosRun(String scenario, ChaosSettings settings, Path dir, History history, ChaosCluster cluster) {
        this.scenario = scenario;
        this.settings = settings;
        this.dir = dir;
        this.history = history;
        this.cluster = cluster;
    }

    public static ChaosRun start(String scenario, ChaosSettings settings, int nodes, Map<String, String> overrides)
        throws IOException, InterruptedException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Files.createDirectories(settings.outputDir().resolve(scenario + "-" + stamp));
        long[] origin = {System.nanoTime()};
        History history = new History(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin[0]),
            dir.resolve("history.jsonl"));
        System.out.printf("chaos %s: seed %d (replay with -Dchaos.seed=%d), %d nodes, output %s%n",
            scenario, settings.seed(), settings.seed(), nodes, dir);
        ChaosCluster cluster;
        try {
            cluster = ChaosCluster.start(settings.distJar(), dir, nodes, overrides);
        } catch (IOException | InterruptedException | RuntimeException e) {
            history.close();
            throw e;
        }
        history.append(t -> Op.nemesis(t, "cluster up: " + cluster.bootstrapServers()));
        return new ChaosRun(scenario, settings, dir, history, cluster);
    }

    public Path dir() {
        return dir;
    }

    public History history() {
        return history;
    }

    public ChaosCluster cluster() {
        return cluster;
    }

    public ChaosSettings settings() {
        return settings;
    }

    public long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    /**
     * Creates a topic, recording invoke then ok / info; retries an unknown outcome (the controller may have
     * died mid-request) and takes "already exists" on a retry as success. Returns whether it was acknowledged.
     */
    public boolean createTopic(NewTopic topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean retry = false;
        while (System.nanoTime() < deadline) {
            history.append(t -> new Op(t, Op.Type.invoke, "admin", Op.CREATE_TOPIC, topic.name(), -1, -1, topic.name(), null));
            try {
                cluster.admin().createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                history.append(t -> new Op(t, Op.Type.ok, "admin", Op.CREATE_TOPIC, topic.name(), -1, -1, topic.name(), null));
                return true;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (retry && cause instanceof TopicExistsException) {
                    history.append(t -> new Op(t, Op.Type.ok, "admin", Op.CREATE_TOPIC, topic.name(), -1, -1, topic.name(), null));
                    return true;
                }
                history.append(t -> new Op(t, Op.Type.info, "admin", Op.CREATE_TOPIC, topic.name(), -1, -1, topic.name(),
                    cause.getClass().getSimpleName()));
                retry = true;
                Thread.sleep(500);
            }
        }
        return false;
    }

    /** Waits until every partition of the topics has a leader and its full replica set in sync. */
    public boolean awaitHealthy(List<String> topics, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unhealthy(topics).isEmpty()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** The partitions without a leader or with a shrunk ISR, described ("orders-2 leader none isr [1]"). */
    public List<String> unhealthy(List<String> topics) {
        List<String> problems = new ArrayList<>();
        for (String topic : topics) {
            Optional<Map<Integer, TopicPartitionInfo>> partitions = cluster.describe(topic);
            if (partitions.isEmpty()) {
                problems.add(topic + ": not described");
                continue;
            }
            partitions.get().forEach((p, info) -> {
                boolean led = info.leader() != null && info.leader().id() >= 0;
                if (!led || info.isr().size() < info.replicas().size()) {
                    problems.add(topic + "-" + p + " leader " + (led ? info.leader().id() : "none")
                        + " isr " + info.isr().stream().map(n -> n.id()).toList());
                }
            });
        }
        return problems;
    }

    public List<TopicPartition> partitionsOf(List<String> topics) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            cluster.describe(topic, Duration.ofSeconds(30)).keySet()
                .forEach(p -> partitions.add(new TopicPartition(topic, p)));
        }
        return partitions;
    }

    /** Reads every partition of the topics from the beginning; returns partitions it could not finish. */
    public List<TopicPartition> finalRead(List<String> topics) throws InterruptedException {
        return Reader.readAll(history, HistoryChecker.FINAL_READER, cluster.bootstrapServers(), partitionsOf(topics),
            Duration.ofSeconds(60));
    }

    /** Checks the history, writes the report and anomalies, prints the summary and where it is. */
    public CheckResult checkAndReport(List<FaultWindow> faults, List<String> notes) throws IOException {
        List<Op> ops = history.snapshot();
        CheckResult result = HistoryChecker.check(ops);
        List<String> allNotes = new ArrayList<>();
        allNotes.add("seed " + settings.seed() + " (replay: -Dchaos.seed=" + settings.seed() + "), "
            + cluster.nodes().size() + " nodes, wall time " + elapsedMs() / 1000 + " s");
        allNotes.addAll(notes);
        String summary = RunReport.write(dir, "chaos " + scenario, ops, result, faults, allNotes);
        Files.write(dir.resolve("anomalies.txt"), result.anomalies().stream().map(Object::toString).toList());
        System.out.print(summary);
        System.out.println("chaos " + scenario + ": report in " + dir.resolve("summary.txt") + " and "
            + dir.resolve("timeline.svg"));
        return result;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            history.close();
        }
    }
}
