package io.rafka.cli.support;

import io.rafka.common.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text columns, as {@code kafka-topics} and {@code kubectl} print them: a header row, one
 * row per item, columns separated by at least two spaces, no trailing blanks.
 *
 * <p>Thread-safety: not thread-safe; build and render on one thread.
 */
public final class Table {
    private static final String GAP = "  ";

    private final List<String> headers;
    // Invariant: every row has exactly headers.size() cells.
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        Checks.check(headers.length > 0, "a table needs at least one column");
        this.headers = List.of(headers);
    }

    /** Adds a row; {@code null} cells print as "-". */
    public Table addRow(Object... cells) {
        Checks.check(cells.length == headers.size(), "row has %s cells, table has %s columns: %s",
                cells.length, headers.size(), java.util.Arrays.asList(cells));
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public String render() {
        int[] widthChars = new int[headers.size()];
        measure(headers, widthChars);
        rows.forEach(row -> measure(row, widthChars));
        StringBuilder text = new StringBuilder();
        appendLine(text, headers, widthChars);
        rows.forEach(row -> appendLine(text, row, widthChars));
        return text.toString();
    }

    private static void measure(List<String> row, int[] widthChars) {
        for (int column = 0; column < row.size(); column++) {
            widthChars[column] = Math.max(widthChars[column], row.get(column).length());
        }
    }

    private static void appendLine(StringBuilder text, List<String> row, int[] widthChars) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.size(); column++) {
            String cell = row.get(column);
            line.append(cell);
            if (column < row.size() - 1) {
                line.append(" ".repeat(widthChars[column] - cell.length())).append(GAP);
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
