package dev.dl4jlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Creating folders with a clear reason when it fails, and best-effort removal of temporary and staging folders. */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Fails, in the words of {@link #createDirectories}, when {@code dir} could not be created, without creating
     * anything: a dangling link or a file on its way, or a nearest existing folder that cannot be written.
     */
    public static void requireCreatable(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p) && !Files.exists(p) || Files.exists(p) && !Files.isDirectory(p)) {
                createDirectories(dir);   // fails, and says why
            }
            if (Files.isDirectory(p)) {
                if (!p.equals(dir.toAbsolutePath()) && !Files.isWritable(p)) {
                    throw new UserError(dir + ": cannot create this folder: permission denied (" + p + ")");
                }
                return;
            }
        }
    }

    /**
     * Creates a folder and its parents, or says in one line why not: a path component that is a dangling symbolic link
     * or a file (Java's own exception names only the path), or the system's reason.
     */
    public static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(p).toString();
                    } catch (IOException unreadable) {
                        target = "?";
                    }
                    throw new UserError(dir + ": cannot create this folder: " + p + " is a symbolic link to " + target
                            + ", which does not exist");
                }
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new UserError(dir + ": cannot create this folder: " + p + " is a file, not a folder");
                }
            }
            throw new UserError(dir + ": cannot create this folder: " + e.getMessage() + " exists");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError(dir + ": cannot create this folder: permission denied (" + e.getFile() + ")");
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create this folder: " + e.getMessage());
        }
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
