package dev.dl4jlab.train;

import dev.dl4jlab.FileTrees;
import dev.dl4jlab.Timestamps;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * A results folder written atomically: files go into a hidden staging folder beside the final one, and
 * {@link #commit()} renames it into place in one step. A crash, Ctrl-C or error leaves no folder that looks complete:
 * {@link #close()} (and a shutdown hook, for Ctrl-C) deletes the staging folder unless it was committed.
 */
public final class RunFolder implements AutoCloseable {
    private final Path parent;
    private final String stamp;
    private final Path staging;
    private final Thread cleanup;
    private Path committed;

    private RunFolder(Path parent, String stamp, Path staging) {
        this.parent = parent;
        this.stamp = stamp;
        this.staging = staging;
        this.cleanup = new Thread(() -> FileTrees.delete(staging), "dl4j-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts a run folder that will become {@code parent/<UTC timestamp>/}. */
    public static RunFolder start(Path parent, Instant startedAt) {
        String stamp = Timestamps.folderName(startedAt);
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".incomplete-" + stamp + "-");
            return new RunFolder(parent, stamp, staging);
        } catch (IOException e) {
            throw new UserError(parent + ": cannot create results folder: " + e.getMessage());
        }
    }

    /** The folder's final name (a concurrent run in the same second may add a suffix at commit). */
    public String stamp() {
        return stamp;
    }

    /** The staging folder files are written into before the folder is committed. */
    public Path dir() {
        if (committed != null) {
            throw new IllegalStateException("already committed to " + committed);
        }
        return staging;
    }

    /** Where to write {@code name} before the folder is committed. */
    public Path file(String name) {
        if (committed != null) {
            throw new IllegalStateException("already committed to " + committed);
        }
        return staging.resolve(name);
    }

    /** Moves the finished folder into place; a second run in the same second gets a {@code -2} suffix. */
    public Path commit() {
        for (int attempt = 1; ; attempt++) {
            Path target = parent.resolve(attempt == 1 ? stamp : stamp + "-" + attempt);
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                committed = target;
                Runtime.getRuntime().removeShutdownHook(cleanup);
                return target;
            } catch (FileAlreadyExistsException e) {
                // lost a race with a concurrent run: take the next suffix
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("results folder must be on one file system: " + e.getMessage(), e);
            } catch (IOException e) {
                if (Files.exists(target)) {
                    continue;
                }
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        if (committed == null) {
            FileTrees.delete(staging);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running or has run
            }
        }
    }
}
