package io.rafka.chaos.report;

import io.rafka.chaos.nemesis.FaultWindow;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Timeline} as an SVG: acknowledged sends per second (top) and p50 / max latency on a log
 * scale (bottom), with each fault window shaded in its family's colour and labelled. Pure: returns text.
 */
public final class TimelineSvg {

    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 220;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 50;
    private static final Map<String, String> FAMILY_COLOURS = Map.of(
        "kill", "#e74c3c", "pause", "#f39c12", "partition", "#8e44ad", "restart", "#3498db");

    private TimelineSvg() { }

    public static String render(String title, Timeline timeline, List<FaultWindow> faults) {
        int height = TOP + 2 * PANEL_HEIGHT + GAP + 60;
        double durationMs = Math.max(1, timeline.durationMs());
        double plotWidth = WIDTH - LEFT - RIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        int throughputTop = TOP;
        int latencyTop = TOP + PANEL_HEIGHT + GAP;
        for (FaultWindow fault : faults) {
            double x = LEFT + fault.startMs() / durationMs * plotWidth;
            double w = Math.max(1, (fault.endMs() - fault.startMs()) / durationMs * plotWidth);
            String colour = FAMILY_COLOURS.getOrDefault(fault.kind().family(), "#95a5a6");
            for (int top : new int[] {throughputTop, latencyTop}) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\" fill-opacity=\"0.18\"><title>%s %s</title></rect>%n",
                    x, top, w, PANEL_HEIGHT, colour, fault.kind(), escape(fault.targets())));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" font-size=\"9\" "
                + "transform=\"rotate(-30 %.1f %d)\">%s</text>%n", x, throughputTop - 3, colour, x, throughputTop - 3,
                escape(fault.kind().name().toLowerCase(Locale.ROOT))));
        }
        long[] acks = timeline.acksPerBucket();
        long maxAcks = Math.max(1, java.util.Arrays.stream(acks).max().orElse(1));
        panel(svg, throughputTop, "acks / " + timeline.bucketMs() + " ms", "0", String.valueOf(maxAcks));
        svg.append(polyline(acks, new int[] {0, acks.length}, timeline, plotWidth, durationMs, throughputTop,
            v -> (double) v / maxAcks, "#2c3e50"));
        double maxLatency = Math.max(10, java.util.Arrays.stream(timeline.latencyMaxMs()).max().orElse(10));
        double logMax = Math.log10(maxLatency);
        panel(svg, latencyTop, "latency ms (log)", "1", String.format(Locale.ROOT, "%.0f", maxLatency));
        // Latency exists only where something was acknowledged: the lines break over the gaps.
        for (int[] run : runsWithAcks(acks)) {
            svg.append(polyline(timeline.latencyMaxMs(), run, timeline, plotWidth, durationMs, latencyTop,
                v -> v <= 1 ? 0 : Math.log10(v) / logMax, "#c0392b"));
            svg.append(polyline(timeline.latencyP50Ms(), run, timeline, plotWidth, durationMs, latencyTop,
                v -> v <= 1 ? 0 : Math.log10(v) / logMax, "#27ae60"));
        }
        int axisY = latencyTop + PANEL_HEIGHT + 15;
        for (int s = 0; s <= durationMs / 1000; s += Math.max(1, (int) (durationMs / 1000 / 12))) {
            double x = LEFT + s * 1000 / durationMs * plotWidth;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ds</text>%n", x, axisY, s));
        }
        int legendY = axisY + 22;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"><tspan fill=\"#2c3e50\">— acks</tspan>"
            + "  <tspan fill=\"#27ae60\">— p50 latency</tspan>  <tspan fill=\"#c0392b\">— max latency</tspan>"
            + "  shaded: <tspan fill=\"#e74c3c\">kill</tspan> <tspan fill=\"#f39c12\">pause</tspan>"
            + " <tspan fill=\"#8e44ad\">partition</tspan> <tspan fill=\"#3498db\">restart</tspan></text>%n", LEFT, legendY));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int top, String label, String low, String high) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
            + "stroke=\"#7f8c8d\"/>%n", LEFT, top, WIDTH - LEFT - RIGHT, PANEL_HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 5, top + 10, high));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 5, top + PANEL_HEIGHT, low));
        svg.append(String.format(Locale.ROOT, "<text x=\"15\" y=\"%d\" transform=\"rotate(-90 15 %d)\" text-anchor=\"middle\">%s</text>%n",
            top + PANEL_HEIGHT / 2, top + PANEL_HEIGHT / 2, escape(label)));
    }

    /** [from, to) index ranges of consecutive buckets with at least one acknowledgement. */
    private static List<int[]> runsWithAcks(long[] acks) {
        List<int[]> runs = new java.util.ArrayList<>();
        int from = -1;
        for (int i = 0; i <= acks.length; i++) {
            boolean acked = i < acks.length && acks[i] > 0;
            if (acked && from < 0) {
                from = i;
            } else if (!acked && from >= 0) {
                runs.add(new int[] {from, i});
                from = -1;
            }
        }
        return runs;
    }

    private static String polyline(long[] values, int[] range, Timeline timeline, double plotWidth,
                                   double durationMs, int top, java.util.function.LongToDoubleFunction scale,
                                   String colour) {
        StringBuilder points = new StringBuilder();
        for (int i = range[0]; i < range[1]; i++) {
            double x = LEFT + Math.min(durationMs, (i + 0.5) * timeline.bucketMs()) / durationMs * plotWidth;
            double y = top + PANEL_HEIGHT - Math.max(0, Math.min(1, scale.applyAsDouble(values[i]))) * PANEL_HEIGHT;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
            colour, points.toString().trim());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
