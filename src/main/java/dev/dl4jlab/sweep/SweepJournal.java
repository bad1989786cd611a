package dev.dl4jlab.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dl4jlab.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code candidates.jsonl}: one JSON line per finished (candidate, epochs) row, appended as each candidate finishes and
 * forced to disk, so a sweep killed at any moment keeps what it finished. A torn last line is ignored on reading.
 */
public final class SweepJournal {
    public static final String FILE = "candidates.jsonl";
    private final Path file;

    public SweepJournal(Path dir) {
        this.file = dir.resolve(FILE);
    }

    public synchronized void append(List<CandidateRow> rows) {
        StringBuilder text = new StringBuilder();
        try {
            for (CandidateRow row : rows) {
                text.append(Json.ONE_LINE.writeValueAsString(row)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<CandidateRow> read() {
        List<CandidateRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                try {
                    rows.add(Json.MAPPER.readValue(line, CandidateRow.class));
                } catch (JsonProcessingException torn) {
                    // the process died while writing this line: that candidate is simply run again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
