package dev.dl4jlab.console;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: left-aligned text, right-aligned numbers. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], c < row.size() ? row.get(c).length() : 0);
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendRow(out, rule, widths);
        for (List<String> row : rows) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    /** The table as CSV (RFC 4180 quoting). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", headers.stream().map(Table::csvCell).toList())).append('\n');
        for (List<String> row : rows) {
            out.append(String.join(",", row.stream().map(Table::csvCell).toList())).append('\n');
        }
        return out.toString();
    }

    /** The table as a GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n");
        out.append("|").append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
        }
        return out.toString();
    }

    private static String csvCell(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = c < cells.size() ? cells.get(c) : "";
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(isNumeric(cell) ? padding + cell : cell + padding);
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static boolean isNumeric(String cell) {
        return !cell.isEmpty() && cell.matches("[-+]?[0-9][0-9.,eE%+-]*( s)?");
    }
}
