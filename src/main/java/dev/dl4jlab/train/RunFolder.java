package dev.dl4jlab.train;

import dev.dl4jlab.DiskFull;
import dev.dl4jlab.FileTrees;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.Timestamps;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A results folder written atomically: files go into a hidden staging folder beside the final one, and
 * {@link #commit()} renames it into place in one step. A crash, Ctrl-C or error leaves no folder that looks complete:
 * {@link #close()} deletes the staging folder unless it was committed, and so does a {@link Shutdown} cleanup on
 * Ctrl-C or SIGTERM, once the training writing into it has stopped (or after {@value #STOP_WAIT_MS} ms).
 */
public final class RunFolder implements AutoCloseable {
    static final String STAGING_PREFIX = ".incomplete-";
    private static final Pattern STAGING = Pattern.compile("\\.incomplete-\\d{8}-\\d{6}-(\\d+)-(\\d+)");
    /** How long a shutdown waits for the run to stop writing: a minibatch or an evaluation, normally well under a second. */
    static final long STOP_WAIT_MS = 10_000;
    private final Path parent;
    private final String stamp;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Shutdown.Cleanup cleanup;
    private volatile Path staging;
    /** The suffix reserved at start: 1 for {@code <stamp>}, n for {@code <stamp>-n}. */
    private int suffix = 1;
    private volatile Path committed;

    /** Registers the shutdown cleanup before the staging folder exists: a Ctrl-C at any moment finds it. */
    private RunFolder(Path parent, String stamp) {
        this.parent = parent;
        this.stamp = stamp;
        this.cleanup = Shutdown.onShutdown(this::abandon);
    }

    /** On shutdown: lets the stopping training close the folder itself, then makes sure no staging folder stays. */
    private void abandon() {
        try {
            ended.await(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a library closing its file in its own hook may still be finishing a write into the folder: try a few times
        for (int attempt = 0; attempt < 20 && committed == null && staging != null && Files.exists(staging); attempt++) {
            FileTrees.delete(staging);
            if (Files.exists(staging)) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Starts a run folder that will become {@code parent/<UTC timestamp>/} ({@code <timestamp>-2}, {@code -3}... when
     * another run of that second has the name). The name is reserved here, before training, so the session id the run
     * records under is the folder's: the staging folder {@code .incomplete-<stamp>-<pid>-<n>} claims suffix {@code n}.
     * It is created with the user's umask (like the folder it becomes), and staging folders left by killed runs (whose
     * process is gone) are removed first.
     */
    public static RunFolder start(Path parent, Instant startedAt) {
        String stamp = Timestamps.folderName(startedAt);
        FileTrees.createDirectories(parent);
        RunFolder folder = new RunFolder(parent, stamp);
        try {
            removeAbandoned(parent);
            long pid = ProcessHandle.current().pid();
            for (int n = 1; ; n++) {
                if (Files.exists(parent.resolve(name(stamp, n)))) {
                    continue;
                }
                Path staging;
                try {
                    staging = Files.createDirectory(parent.resolve(STAGING_PREFIX + stamp + "-" + pid + "-" + n));
                } catch (FileAlreadyExistsException taken) {
                    continue;   // another run of this process claimed this name
                }
                if (claimedElsewhere(parent, stamp, n, staging) || Files.exists(parent.resolve(name(stamp, n)))) {
                    FileTrees.delete(staging);   // another process claims it too: whoever sees the other's claim yields
                    continue;
                }
                folder.staging = staging;
                folder.suffix = n;
                return folder;
            }
        } catch (IOException e) {
            folder.close();
            throw new UserError(parent + ": cannot create results folder: " + e.getMessage());
        }
    }

    /** The folder name of suffix {@code n}: the stamp itself, then {@code <stamp>-2}, {@code -3}... */
    private static String name(String stamp, int n) {
        return n == 1 ? stamp : stamp + "-" + n;
    }

    /** Whether a staging folder other than {@code mine} claims suffix {@code n} of {@code stamp}. */
    private static boolean claimedElsewhere(Path parent, String stamp, int n, Path mine) throws IOException {
        try (var entries = Files.list(parent)) {
            return entries.anyMatch(entry -> {
                Matcher m = STAGING.matcher(entry.getFileName().toString());
                return m.matches() && !entry.equals(mine) && entry.getFileName().toString().startsWith(STAGING_PREFIX + stamp + "-")
                        && m.group(2).equals(Integer.toString(n));
            });
        }
    }

    /** Staging folders whose process has ended: a run killed with SIGKILL (no shutdown hook) leaves one behind. */
    static void removeAbandoned(Path parent) throws IOException {
        try (var entries = Files.list(parent)) {
            for (Path entry : entries.toList()) {
                Matcher m = STAGING.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry) && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    FileTrees.delete(entry);
                }
            }
        }
    }

    /**
     * What to throw for {@code e}, which ended a run that was writing below {@code parent}: a full disk is named as the
     * results disk, by the folder the run was for (the file that failed went with the staging folder).
     */
    public static RuntimeException failure(Path parent, RuntimeException e) {
        Throwable full = DiskFull.cause(e);
        if (full == null || !aboutResults(parent, e, full)) {
            return e;
        }
        return new UserError(parent + ": " + DiskFull.describe(full) + " (the disk holding the results is full); "
                + "free some space or write somewhere else (--results)", e);
    }

    /** Whether the full disk is the one below {@code parent}: the failing file lies there, or no other is named. */
    private static boolean aboutResults(Path parent, RuntimeException e, Throwable full) {
        if (full instanceof FileSystemException fs && fs.getFile() != null) {
            return Path.of(fs.getFile()).toAbsolutePath().startsWith(parent.toAbsolutePath());
        }
        return !(e instanceof UserError) || e.getMessage().startsWith(parent.toString());
    }

    /** The folder's final name, reserved at start: {@code <stamp>}, or {@code <stamp>-n} when a run of that second had it. */
    public String stamp() {
        return name(stamp, suffix);
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

    /**
     * Moves the finished folder into place under its reserved name; only if something outside this protocol took the
     * name meanwhile (an older lab, a user) does it take the next free suffix.
     */
    public Path commit() {
        for (int attempt = suffix; ; attempt++) {
            Path target = parent.resolve(name(stamp, attempt));
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                committed = target;
                cleanup.close();
                ended.countDown();
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
            FileTrees.delete(staging);   // null-safe: no folder when its creation failed
            cleanup.close();
        }
        ended.countDown();
    }
}
