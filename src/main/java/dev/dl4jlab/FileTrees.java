package dev.dl4jlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Best-effort removal of temporary and staging folders. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes a folder and everything in it; what cannot be deleted stays (temporary folders are hidden or in /tmp). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: leftovers are hidden (.incomplete-*, .*.extracting) or temporary
        }
    }
}
