package dev.dl4jlab.train;

import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code history.csv}, written and read by the same class: one row per epoch with the mean training loss, the
 * evaluation split's loss and accuracy (empty when not evaluated that epoch), seconds, examples per second and the
 * learning rate applied.
 */
public final class HistoryCsv {
    public static final String FILE = "history.csv";
    private static final int COLUMNS = 7;
    /** Histories written before the learning-rate column are read as well. */
    private static final int OLD_COLUMNS = 6;

    /** A history as stored: which split was evaluated, and the epochs. */
    public record History(String evalSplit, List<EpochRecord> epochs) {
        public History {
            epochs = List.copyOf(epochs);
        }
    }

    private HistoryCsv() {
    }

    public static List<String> lines(List<EpochRecord> history, String evalSplit) {
        List<String> lines = new ArrayList<>();
        lines.add("epoch,train_loss," + evalSplit + "_loss," + evalSplit + "_accuracy,seconds,examples_per_second,learning_rate");
        for (EpochRecord r : history) {
            lines.add(String.join(",", Integer.toString(r.epoch()), number(r.trainLoss()), number(r.evalLoss()),
                    number(r.evalAccuracy()), String.format(Locale.ROOT, "%.4f", r.seconds()),
                    String.format(Locale.ROOT, "%.1f", r.examplesPerSecond()),
                    r.learningRate() == null ? "" : String.format(Locale.ROOT, "%.6g", r.learningRate())));
        }
        return lines;
    }

    public static void write(Path file, List<EpochRecord> history, String evalSplit) throws IOException {
        Files.write(file, lines(history, evalSplit));
    }

    /**
     * Reads a stored history. The example count of each epoch is recovered from its rate and seconds (the file keeps
     * the rate, which is what people read).
     */
    public static History read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split(",");
        if ((header.length != COLUMNS && header.length != OLD_COLUMNS) || !header[0].equals("epoch") || !header[1].equals("train_loss") || !header[2].endsWith("_loss")) {
            throw new UserError(file + ": not a dl4j-lab history (expected the header epoch,train_loss,<split>_loss,...)");
        }
        String split = header[2].substring(0, header[2].length() - "_loss".length());
        List<EpochRecord> epochs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new UserError(file + ": line " + (i + 1) + " has " + cells.length + " columns, expected " + header.length);
            }
            try {
                double seconds = Double.parseDouble(cells[4]);
                epochs.add(new EpochRecord(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]), optional(cells[2]),
                        optional(cells[3]), seconds, Math.round(Double.parseDouble(cells[5]) * seconds),
                        cells.length > OLD_COLUMNS ? optional(cells[6]) : null));
            } catch (NumberFormatException e) {
                throw new UserError(file + ": line " + (i + 1) + ": not a number: " + e.getMessage());
            }
        }
        return new History(split, epochs);
    }

    private static Double optional(String cell) {
        return cell.isEmpty() ? null : Double.valueOf(cell);
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
