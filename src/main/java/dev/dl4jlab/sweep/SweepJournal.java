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
 * forced to disk, so a sweep killed at any moment keeps what it finished. A line torn by a kill mid-write is cut off
 * when the journal is opened ({@link #repair()}), so the next row starts on a line of its own and that candidate is
 * trained again once.
 */
public final class SweepJournal {
    public static final String FILE = "candidates.jsonl";
    private final Path file;

    public SweepJournal(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /**
     * Drops a torn last line (one without its line break: the process died while writing it). Called when a sweep
     * opens its folder, before anything is appended.
     *
     * @return whether anything was cut
     */
    public synchronized boolean repair() {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep == size) {
                return false;
            }
            channel.truncate(keep);
            channel.force(true);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
