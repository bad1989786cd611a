package dev.dl4jlab.data.fetch;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches dataset files from a list of mirrors in turn, verifies each against its digest before it takes its final
 * name, and checks files already present (once; a {@link VerifiedStamp} spares re-hashing on later runs).
 */
public final class FileFetcher {
    private final String dataset;
    private final List<URI> mirrors;
    private final ProgressLine progress;
    private final boolean verifyPresent;
    private final Downloader downloader;
    /** Mirrors that stalled once: not asked again for the other files (each would cost another stall timeout). */
    private final Set<URI> stalled = ConcurrentHashMap.newKeySet();

    /** @param verifyPresent check files already in place against the official digests (downloads are always checked) */
    public FileFetcher(String dataset, List<URI> mirrors, ProgressLine progress, boolean verifyPresent) {
        this(dataset, mirrors, progress, verifyPresent, new Downloader());
    }

    FileFetcher(String dataset, List<URI> mirrors, ProgressLine progress, boolean verifyPresent, Downloader downloader) {
        this.dataset = dataset;
        this.mirrors = List.copyOf(mirrors);
        this.progress = progress;
        this.verifyPresent = verifyPresent;
        this.downloader = downloader;
    }

    /** Verifies a file already in place; a mismatch is the user's to resolve, so it is reported, not replaced. */
    public void verifyPresent(Path present, RemoteFile file) {
        if (!verifyPresent || VerifiedStamp.matches(present, file.digest())) {
            return;
        }
        String actual = digest(present, file);
        if (!actual.equals(file.digest())) {
            throw new UserError(present + ": " + file.algorithm() + " " + actual + " does not match " + file.name() + " ("
                    + file.digest() + "); delete it and run `lab data fetch " + dataset + "` again, or set "
                    + "data.verifyChecksums to false for your own data in this layout");
        }
        VerifiedStamp.write(present, actual);
    }

    /** Tries each mirror in turn; returns why each failed, or an empty list once the file is verified in place. */
    public List<String> fetch(Path dir, RemoteFile file) {
        List<String> reasons = new ArrayList<>();
        Path download = dir.resolve("." + file.remoteName() + ".download");
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(file.remoteName());
            if (stalled.contains(mirror)) {
                reasons.add(url + ": skipped (" + mirror.getHost() + " stalled on an earlier file)");
                continue;
            }
            try {
                downloader.download(url, download, progress);
                String actual = Checksums.digest(download, file);
                if (!actual.equals(file.digest())) {
                    reasons.add(url + ": " + file.algorithm() + " mismatch (got " + actual + ")");
                    continue;
                }
                Path target = dir.resolve(file.name());
                if (file.gunzip()) {
                    try (InputStream in = MaybeGzipped.open(download)) {
                        install(in, target);
                    }
                } else {
                    Files.move(download, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                VerifiedStamp.write(target, actual);
                progress.done("  " + file.name() + "  verified (" + url.getHost() + ")");
                return List.of();
            } catch (Downloader.Stalled e) {
                stalled.add(mirror);
                progress.done("  " + mirror + ": " + e.getMessage() + "; giving up on this mirror");
                reasons.add(url + ": " + describe(e));
            } catch (IOException e) {
                reasons.add(url + ": " + describe(e));
            } finally {
                deleteQuietly(download);
            }
        }
        return reasons;
    }

    /** The error for files no source could provide: what was tried, and how to place the files by hand. */
    public UserError failure(String name, List<String> reasons, String byHand) {
        return new UserError(dataset + ": could not fetch " + name + " (" + String.join("; ", reasons) + "). " + byHand);
    }

    /** Copies a stream to {@code target} through a temporary name, so a partial file never has the final name. */
    public static Path install(InputStream in, Path target) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(part);
        }
        return target;
    }

    public static String digest(Path file, RemoteFile spec) {
        try {
            return Checksums.digest(file, spec);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read to verify: " + describe(e));
        }
    }

    public static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect";   // the JDK's message ("Connection refused") adds nothing
        }
        if (e.getMessage() != null) {
            return e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage();
        }
        return switch (e.getClass().getSimpleName()) {
            case "ConnectException" -> "cannot connect";
            case "UnknownHostException" -> "unknown host";
            case "HttpTimeoutException", "HttpConnectTimeoutException" -> "timed out";
            default -> e.getClass().getSimpleName();
        };
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover hidden temp file is harmless; the next fetch overwrites it
        }
    }

    /** Creates a dataset folder, or says in one line why it cannot. */
    public static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create dataset folder: " + e.getMessage());
        }
    }
}
