package dev.dl4jlab.ui;

import dev.dl4jlab.UserError;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Finds the recorded training-UI statistics of runs and sweep candidates below some folders. */
public final class StoredStats {
    private StoredStats() {
    }

    /** Incomplete run folders are hidden ({@code .incomplete-*}) and not shown. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens a copy of a stored statistics file: MapDB locks the file it opens, so reading the original would fail
     * while another {@code lab ui} (or a sweep still writing it) has it open. The copy is deleted on exit.
     */
    public static FileStatsStorage openSnapshot(Path file) {
        Path copy;
        try {
            copy = Files.createTempFile("dl4j-lab-stats-", ".dl4j");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        FileStatsStorage storage = null;
        try {
            storage = new FileStatsStorage(copy.toFile());
            storage.listSessionIDs();   // MapDB reads lazily: a damaged file fails here, not later inside the UI
            return storage;
        } catch (RuntimeException e) {
            if (storage != null) {
                try {
                    storage.close();
                } catch (RuntimeException ignored) {
                    // it was unreadable anyway
                }
            }
            throw new UserError(file + ": not readable DL4J training statistics (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    public static List<Path> find(List<Path> roots) {
        List<Path> found = new java.util.ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root) && root.getFileName().toString().equals(StatsRecording.FILE)) {
                found.add(root);
                continue;
            }
            if (!Files.isDirectory(root)) {
                throw new UserError(root + ": no such folder (give results folders, run folders or sweep folders)");
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.getFileName().toString().equals(StatsRecording.FILE))
                        .filter(p -> !hidden(root.relativize(p)))
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UserError(root + ": cannot read: " + e.getMessage());
            }
        }
        if (found.isEmpty()) {
            throw new UserError(String.join(", ", roots.stream().map(Path::toString).toList())
                    + ": no recorded training statistics (" + StatsRecording.FILE + ") found; train with lab train or lab sweep first");
        }
        return found;
    }
}
