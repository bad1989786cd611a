package dev.dl4jlab.ui;

import dev.dl4jlab.UserError;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;

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
     * The statistics of a stored file, read into memory. MapDB locks the file it opens, so reading the original would
     * fail while another {@code lab ui} (or a sweep still writing it) has it open: a temporary copy is read and deleted
     * at once, so serving 1,000 sessions needs the temp space of one file, not of all of them (MapDB files are mostly
     * preallocated space; what the UI shows is small).
     */
    public static StatsStorage read(Path file) {
        Path copy;
        try {
            copy = Files.createTempFile("dl4j-lab-stats-", ".dl4j");
        } catch (IOException e) {
            throw new UserError(file + ": cannot copy to the temp folder to read it: " + e.getMessage());
        }
        FileStatsStorage storage = null;
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            storage = new FileStatsStorage(copy.toFile());
            return inMemory(storage);   // MapDB reads lazily: a damaged file fails here, not later inside the UI
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError(file + ": not readable DL4J training statistics (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (storage != null) {
                try {
                    storage.close();
                } catch (RuntimeException ignored) {
                    // read already, or unreadable anyway
                }
            }
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp folder
            }
        }
    }

    /** Every session's static info, updates and metadata of {@code source}, copied into memory. */
    private static InMemoryStatsStorage inMemory(StatsStorage source) {
        InMemoryStatsStorage memory = new InMemoryStatsStorage();
        PlainConfigRouter plain = new PlainConfigRouter(memory);   // runs recorded before issue 22 named lab's fused layer
        for (String session : source.listSessionIDs()) {
            for (String type : source.listTypeIDsForSession(session)) {
                StorageMetaData meta = source.getStorageMetaData(session, type);
                if (meta != null) {
                    memory.putStorageMetaData(meta);
                }
                for (String worker : source.listWorkerIDsForSessionAndType(session, type)) {
                    Persistable info = source.getStaticInfo(session, type, worker);
                    if (info != null) {
                        plain.putStaticInfo(info);
                    }
                    for (Persistable update : source.getAllUpdatesAfter(session, type, worker, Long.MIN_VALUE)) {
                        memory.putUpdate(update);
                    }
                }
            }
        }
        return memory;
    }

    /** Every stats.dl4j below {@code roots} (perhaps none); a root that is not a folder (or such a file) is a user error. */
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
        return found;   // none: runs trained with --no-stats still have the runs page
    }
}
