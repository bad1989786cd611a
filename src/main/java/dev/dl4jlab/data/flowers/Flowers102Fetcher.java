package dev.dl4jlab.data.flowers;

import dev.dl4jlab.FileTrees;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.FetchLock;
import dev.dl4jlab.data.fetch.FileFetcher;
import dev.dl4jlab.data.fetch.RemoteFile;
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
import java.util.List;
import java.util.Locale;

/**
 * Makes Oxford Flowers102 present in a folder: {@code imagelabels.mat}, {@code setid.mat} and {@code jpg/} (from
 * {@code 102flowers.tgz}), each download verified by MD5 before use. The archive is extracted into a hidden folder
 * that is renamed to {@code jpg/} only when complete, then deleted.
 */
public final class Flowers102Fetcher {
    public static final URI OFFICIAL = URI.create("https://www.robots.ox.ac.uk/~vgg/data/flowers/102/");
    public static final RemoteFile ARCHIVE = RemoteFile.plain("102flowers.tgz", "MD5", "52808999861908f626f3c1f4e79d11fa");
    public static final RemoteFile LABELS = RemoteFile.plain("imagelabels.mat", "MD5", "e0620be6f572b9609742df49c70aed4d");
    public static final RemoteFile SETID = RemoteFile.plain("setid.mat", "MD5", "a5357ecc9cb78c4bef273ce3793fc85c");
    static final String IMAGES = "jpg";

    private final List<URI> mirrors;
    private final RemoteFile archive;
    private final RemoteFile labels;
    private final RemoteFile setid;

    public Flowers102Fetcher(List<URI> mirrors, RemoteFile archive, RemoteFile labels, RemoteFile setid) {
        this.mirrors = List.copyOf(mirrors);
        this.archive = archive;
        this.labels = labels;
        this.setid = setid;
    }

    public static Flowers102Fetcher official() {
        return new Flowers102Fetcher(List.of(OFFICIAL), ARCHIVE, LABELS, SETID);
    }

    /** @param verifyPresent check files already present against the official digests (downloads are always checked) */
    public void ensure(Path dir, ProgressLine progress, boolean verifyPresent) {
        if (Files.isRegularFile(dir.resolve(labels.name())) && Files.isRegularFile(dir.resolve(setid.name()))
                && Files.isDirectory(dir.resolve(IMAGES))) {
            present(dir, progress, verifyPresent);   // nothing to write: no lock needed to verify
            return;
        }
        FileFetcher.createFolder(dir);
        try (FetchLock lock = FetchLock.hold(dir, progress)) {
            present(dir, progress, verifyPresent);   // finds what a lab we waited for fetched
        }
    }

    /** Verifies what is there and fetches or extracts the rest. */
    private void present(Path dir, ProgressLine progress, boolean verifyPresent) {
        FileFetcher fetcher = new FileFetcher("flowers102", mirrors, progress, verifyPresent);
        String byHand = "Put 102flowers.tgz (or its extracted jpg/ folder), imagelabels.mat and setid.mat from "
                + OFFICIAL + " into " + dir;
        for (RemoteFile file : List.of(labels, setid)) {
            Path present = dir.resolve(file.name());
            if (Files.isRegularFile(present)) {
                fetcher.verifyPresent(present, file);
                continue;
            }
            FileFetcher.createFolder(dir);
            List<String> reasons = fetcher.fetch(dir, file);
            if (!reasons.isEmpty()) {
                throw fetcher.failure(file.name(), reasons, byHand);
            }
        }
        if (Files.isDirectory(dir.resolve(IMAGES))) {
            requireImages(dir);
            return;
        }
        Path tarball = dir.resolve(archive.name());
        if (Files.isRegularFile(tarball)) {
            fetcher.verifyPresent(tarball, archive);
        } else {
            List<String> reasons = fetcher.fetch(dir, archive);
            if (!reasons.isEmpty()) {
                throw fetcher.failure(archive.name(), reasons, byHand);
            }
        }
        extract(tarball, dir, progress);
        requireImages(dir);
    }

    /** Image {@code id} (1-based, as imagelabels.mat and setid.mat number them) in {@code dir}. */
    static Path imageFile(Path dir, int id) {
        return dir.resolve(IMAGES).resolve(String.format(Locale.ROOT, "image_%05d.jpg", id));
    }

    /**
     * Every image imagelabels.mat labels is in jpg/: what "present and verified" claims. (An empty or partly deleted
     * jpg/ passed before, and training then failed on the first missing image, or a fetch said all was well.)
     */
    private void requireImages(Path dir) {
        int count = Flowers102Meta.read(dir.resolve(labels.name()), dir.resolve(setid.name())).classOfImage().length;
        List<String> missing = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            Path image = imageFile(dir, id);
            if (!Files.isRegularFile(image)) {
                missing.add(image.getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError(dir.resolve(IMAGES) + ": lacks " + missing.size() + " of the " + count + " images imagelabels.mat "
                    + "labels (" + String.join(", ", missing.subList(0, Math.min(3, missing.size()))) + (missing.size() > 3 ? ", ..." : "")
                    + "); remove " + IMAGES + "/ and run `lab data fetch flowers102` to extract them again, or put them there");
        }
    }

    /** Extracts {@code jpg/*.jpg} entries; anything else in the archive (or a path escaping jpg/) is skipped. */
    static void extract(Path tarball, Path dir, ProgressLine progress) {
        Path staging = dir.resolve("." + IMAGES + ".extracting");
        FileTrees.delete(staging);
        int count = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)))) {
            Files.createDirectories(staging);
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                String name = entry.getName();
                if (!entry.isFile() || !name.matches(IMAGES + "/[A-Za-z0-9_.-]+\\.jpg")) {
                    continue;
                }
                Files.copy(tar, staging.resolve(name.substring(IMAGES.length() + 1)), StandardCopyOption.REPLACE_EXISTING);
                count++;
                progress.update(String.format(Locale.ROOT, "  extracting %s: %,d images", tarball.getFileName(), count));
            }
            if (count == 0) {
                throw new UserError(tarball + ": holds no jpg/*.jpg images; is it 102flowers.tgz?");
            }
            Files.move(staging, dir.resolve(IMAGES), StandardCopyOption.ATOMIC_MOVE);
            progress.done(String.format(Locale.ROOT, "  extracted %,d images to %s", count, dir.resolve(IMAGES)));
            Files.deleteIfExists(tarball);
            Files.deleteIfExists(tarball.resolveSibling("." + tarball.getFileName() + ".verified"));
        } catch (IOException e) {
            throw new UserError(tarball + ": cannot extract: " + FileFetcher.describe(e));
        } finally {
            FileTrees.delete(staging);
        }
    }
}
