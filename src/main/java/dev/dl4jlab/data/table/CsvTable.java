package dev.dl4jlab.data.table;

import dev.dl4jlab.UserError;
import dev.dl4jlab.Utf8Text;
import dev.dl4jlab.config.ColumnRef;
import dev.dl4jlab.config.CsvConfig;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.writable.Writable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One CSV file, decoded as UTF-8 exactly ({@link Utf8Text}; DataVec's own reader decodes with the platform charset and
 * replaces what it cannot read) and split by DataVec's CSV parser: its header (when it has one, names unique) and its rows
 * as text, each with its line number in the file, so that every later error can name file, line and column. Blank lines
 * are skipped.
 */
record CsvTable(Path file, List<String> header, List<Row> rows) {

    /** One example's values, and the 1-based line of the file it came from. */
    record Row(int line, List<String> values) {
    }

    static CsvTable read(Path file, CsvConfig csv) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such CSV file");
        }
        DataVecLine parser = new DataVecLine(csv.delimiterChar());
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (String text : (Iterable<String>) Utf8Text.read(file, "CSV file").lines()::iterator) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            requireRfc4180(file, line, text, csv, header);
            List<String> values;
            try {
                values = parser.values(text);
            } catch (RuntimeException e) {
                throw new UserError(file + ": line " + line + " is not readable as CSV with delimiter '" + csv.delimiter() + "': "
                        + e.getMessage());
            }
            if (csv.header() && header == null) {
                header = values.stream().map(String::strip).toList();
                requireUniqueNames(file, header);
            } else {
                rows.add(new Row(line, values));
            }
        }
        if (rows.isEmpty()) {
            throw new UserError(file + ": no examples" + (header == null ? " (the file is empty)" : " (only a header line)"));
        }
        int width = header != null ? header.size() : rows.get(0).values().size();
        for (Row row : rows) {
            if (row.values().size() != width) {
                throw new UserError(String.format(Locale.ROOT, "%s: line %d has %d values, %s %d", file, row.line(),
                        row.values().size(), header != null ? "the header names" : "line " + rows.get(0).line() + " has", width)
                        + " (delimiter '" + csv.delimiter() + "')");
            }
        }
        return new CsvTable(file, header, rows);
    }

    /**
     * RFC 4180 quoting, checked on the raw line before DataVec splits it (DataVec reads {@code "a"b} as {@code ab} and a
     * quote inside an unquoted field as the start of a quoted one): a field is either free of quotes, or wholly quoted
     * with inner quotes doubled. Quoted fields cannot span lines here.
     */
    private static void requireRfc4180(Path file, int line, String text, CsvConfig csv, List<String> header) {
        char delimiter = csv.delimiterChar();
        int field = 0;
        int i = 0;
        while (true) {
            String problem = null;
            if (i < text.length() && text.charAt(i) == '"') {
                int close = i + 1;
                while (true) {
                    close = text.indexOf('"', close);
                    if (close < 0) {
                        problem = "a quoted field that does not close on its line (quoted fields cannot span lines)";
                        break;
                    }
                    if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
                        close += 2;   // an escaped quote
                        continue;
                    }
                    break;
                }
                if (problem == null) {
                    i = close + 1;
                    if (i < text.length() && text.charAt(i) != delimiter) {
                        problem = "text after a field's closing quote; quote the whole field and double the quotes inside it";
                    }
                }
            } else {
                int end = text.indexOf(delimiter, i);
                end = end < 0 ? text.length() : end;
                if (text.substring(i, end).indexOf('"') >= 0) {
                    problem = "a quote inside an unquoted field; quote the whole field and double the quotes inside it";
                }
                i = end;
            }
            if (problem != null) {
                String column = header != null && field < header.size() ? "\"" + header.get(field) + "\"" : "#" + field;
                throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: %s (RFC 4180, e.g. \"a \"\"b\"\" c\")",
                        file, line, column, problem));
            }
            if (i >= text.length()) {
                return;
            }
            i++;   // the delimiter
            field++;
        }
    }

    private static void requireUniqueNames(Path file, List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            int again = header.subList(i + 1, header.size()).indexOf(header.get(i));
            if (again >= 0) {
                throw new UserError(String.format(Locale.ROOT, "%s: the header names column \"%s\" twice (columns %d and %d); "
                        + "columns are matched by name, so each name must be unique", file, header.get(i), i, i + 1 + again));
            }
        }
    }

    /** DataVec's CSV line parser (quotes, escaped quotes), fed lines this class decoded as UTF-8 itself. */
    private static final class DataVecLine extends CSVRecordReader {
        DataVecLine(char delimiter) {
            super(0, delimiter, '"');
        }

        List<String> values(String line) {
            return parseLine(line).stream().map(Writable::toString).toList();
        }
    }

    int columns() {
        return header != null ? header.size() : rows.get(0).values().size();
    }

    /** A column's 0-based index; {@code key} names the config key for the message. */
    int index(ColumnRef column, String key) {
        if (column.name() != null) {
            if (header == null) {
                throw new UserError(file + ": " + key + " names column " + column + ", but data.csv.header is false; name columns "
                        + "by 0-based index, or set header true");
            }
            int index = header.indexOf(column.name());
            if (index < 0) {
                throw new UserError(file + ": no column " + column + " (" + key + "); the header has " + String.join(", ", header));
            }
            return index;
        }
        if (column.index() >= columns()) {
            throw new UserError(file + ": " + key + " is column " + column.index() + ", but the file has " + columns()
                    + " columns (0.." + (columns() - 1) + ")");
        }
        return column.index();
    }

    /** The column's name for messages: its header name, or #index. */
    String name(int index) {
        return header != null ? "\"" + header.get(index) + "\"" : "#" + index;
    }
}
