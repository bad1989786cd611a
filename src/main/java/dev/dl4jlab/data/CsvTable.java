package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ColumnRef;
import dev.dl4jlab.config.CsvConfig;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One CSV file read through DataVec's {@link CSVRecordReader}: its header (when it has one) and its rows as text, each
 * with its line number in the file, so that every later error can name file, line and column. Blank lines are skipped.
 */
record CsvTable(Path file, List<String> header, List<Row> rows) {

    /** One example's values, and the 1-based line of the file it came from. */
    record Row(int line, List<String> values) {
    }

    static CsvTable read(Path file, CsvConfig csv) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such CSV file");
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        CSVRecordReader reader = new CSVRecordReader(0, csv.delimiterChar(), '"');
        try {
            reader.initialize(new FileSplit(file.toFile()));
            while (reader.hasNext()) {
                Record record = reader.nextRecord();
                // DataVec counts lines from 0
                int line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                List<String> values = record.getRecord().stream().map(Writable::toString).toList();
                if (values.isEmpty() || values.size() == 1 && values.get(0).isBlank()) {
                    continue;
                }
                if (csv.header() && header == null) {
                    header = values.stream().map(String::strip).toList();
                } else {
                    rows.add(new Row(line, values));
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError(file + ": not readable as CSV with delimiter '" + csv.delimiter() + "': " + e.getMessage());
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only; nothing to lose
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
