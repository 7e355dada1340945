package io.rafka.chaos.report;

import io.rafka.chaos.checker.Anomaly;
import io.rafka.chaos.checker.CheckResult;
import io.rafka.chaos.history.Op;
import io.rafka.chaos.nemesis.FaultKind;
import io.rafka.chaos.nemesis.FaultWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary table of a run (faults by kind, operations, anomalies by kind, unavailability windows,
 * controller failovers) and its timeline SVG, written to the run directory.
 */
public final class RunReport {

    /** A gap in acknowledgements at least this long counts as an unavailability window. */
    public static final long UNAVAILABLE_THRESHOLD_MS = 1000;
    private static final int ANOMALIES_LISTED_MAX = 30;

    private RunReport() { }

    /** Writes summary.txt and timeline.svg into {@code runDir} and returns the summary text. */
    public static String write(Path runDir, String title, List<Op> history, CheckResult result,
                               List<FaultWindow> faults, List<String> notes) throws IOException {
        Timeline timeline = Timeline.of(history, 1000);
        List<Timeline.Gap> gaps = Timeline.unavailability(history, firstAck(history), timeline.durationMs(),
            UNAVAILABLE_THRESHOLD_MS);
        String summary = summary(runDir, title, result, faults, gaps, notes);
        Files.writeString(runDir.resolve("summary.txt"), summary);
        Files.writeString(runDir.resolve("timeline.svg"), TimelineSvg.render(title, timeline, faults));
        return summary;
    }

    private static long firstAck(List<Op> history) {
        return history.stream().filter(op -> op.isSend() && op.type() == Op.Type.ok).mapToLong(Op::timeMs)
            .findFirst().orElse(0);
    }

    static String summary(Path runDir, String title, CheckResult result, List<FaultWindow> faults,
                          List<Timeline.Gap> gaps, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add("== " + title + " ==");
        notes.forEach(note -> lines.add("  " + note));
        Map<FaultKind, Long> faultCounts = new EnumMap<>(FaultKind.class);
        faults.forEach(f -> faultCounts.merge(f.kind(), 1L, Long::sum));
        lines.add(String.format("  %-28s %s", "faults injected", faults.size() + " " + faultCounts));
        List<Long> failovers = faults.stream().map(FaultWindow::failoverMs).filter(ms -> ms >= 0).toList();
        if (!failovers.isEmpty()) {
            lines.add(String.format("  %-28s %s ms (max %d)", "controller failovers", failovers,
                failovers.stream().mapToLong(Long::longValue).max().orElse(0)));
        }
        CheckResult.Counts c = result.counts();
        lines.add(String.format("  %-28s %d", "operations recorded", c.ops()));
        lines.add(String.format("  %-28s invoked %d, ok %d, unknown %d, failed %d", "sends", c.sendsInvoked(),
            c.sendsOk(), c.sendsUnknown(), c.sendsFailed()));
        lines.add(String.format("  %-28s %d (final reads %d)", "records read", c.polls(), c.finalReads()));
        lines.add(String.format("  %-28s %s", "anomalies",
            result.byKind().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))));
        lines.add(String.format("  %-28s %d, total %d ms, longest %d ms: %s", "unavailability (>= "
            + UNAVAILABLE_THRESHOLD_MS + " ms)", gaps.size(), gaps.stream().mapToLong(Timeline.Gap::lengthMs).sum(),
            gaps.stream().mapToLong(Timeline.Gap::lengthMs).max().orElse(0),
            gaps.stream().map(g -> g.fromMs() / 1000.0 + "-" + g.toMs() / 1000.0 + "s").limit(20).toList()));
        for (FaultWindow f : faults) {
            lines.add(String.format("    fault %-20s %-24s %7.1f-%7.1fs%s", f.kind(), f.targets(), f.startMs() / 1000.0,
                f.endMs() / 1000.0, f.failoverMs() >= 0 ? "  new controller after " + f.failoverMs() + " ms" : ""));
        }
        List<Anomaly> anomalies = result.anomalies();
        anomalies.stream().limit(ANOMALIES_LISTED_MAX).forEach(a -> lines.add("    " + a));
        if (anomalies.size() > ANOMALIES_LISTED_MAX) {
            lines.add("    ... " + (anomalies.size() - ANOMALIES_LISTED_MAX) + " more in anomalies.txt");
        }
        lines.add("  history   " + runDir.resolve("history.jsonl"));
        lines.add("  timeline  " + runDir.resolve("timeline.svg"));
        lines.add("  node logs " + runDir.resolve("logs"));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
