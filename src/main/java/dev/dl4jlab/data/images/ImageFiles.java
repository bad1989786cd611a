package dev.dl4jlab.data.images;

import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the images in a folder, and checks an image file is whole (in one of the {@link ImageFormat}s) before a decoder
 * sees it.
 */
public final class ImageFiles {
    /** How many skipped names one line lists before it only counts the rest. */
    private static final int NAMED = 5;

    private ImageFiles() {
    }

    /**
     * What a folder holds: its image files by name ending, sorted, and the names of everything else (sub-folders with
     * a trailing /), which is not read, so that it can be said rather than silently left out.
     */
    public record Listing(Path folder, List<Path> images, List<String> skipped) {
        public Listing {
            images = List.copyOf(images);
            skipped = List.copyOf(skipped);
        }

        /** e.g. "train/roses: skipped 2 files that are not images (notes.txt, sub/)", or null when nothing was skipped. */
        public String skippedLine() {
            if (skipped.isEmpty()) {
                return null;
            }
            String names = String.join(", ", skipped.subList(0, Math.min(NAMED, skipped.size())))
                    + (skipped.size() > NAMED ? " and " + (skipped.size() - NAMED) + " more" : "");
            return folder + ": skipped " + skipped.size() + (skipped.size() == 1 ? " file that is not an image (" : " files that are not images (")
                    + names + "; images are " + ImageFormat.NAMES + ")";
        }
    }

    /** The images in {@code folder} and what else it holds. */
    public static Listing list(Path folder) {
        List<Path> images = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path entry : list.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    skipped.add(name + "/");
                } else if (Files.isRegularFile(entry) && ImageFormat.ENDINGS.stream().anyMatch(e -> name.toLowerCase(Locale.ROOT).endsWith(e))) {
                    images.add(entry);
                } else {
                    skipped.add(name);
                }
            }
        } catch (IOException e) {
            throw new UserError(folder + ": cannot list: " + e.getMessage());
        }
        return new Listing(folder, images, skipped);
    }

    /** The image files in {@code folder} (by name ending), sorted. */
    public static List<Path> imagesIn(Path folder) {
        return list(folder).images();
    }

    /** An image with its whole structure present, or a one-line error naming the file. */
    static void requireComplete(Path file) {
        completeBytes(file);
    }

    /** The bytes of an image whose whole structure is present, or a one-line error naming the file. */
    static byte[] completeBytes(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": missing");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return requireComplete(file.toString(), bytes);
    }

    /** {@code bytes} (an image called {@code name} in messages) if its whole structure is present, else a one-line error. */
    static byte[] requireComplete(String name, byte[] bytes) {
        ImageFormat format = ImageFormat.of(bytes);
        if (format == null) {
            throw new UserError(name + ": not a " + ImageFormat.NAMES + " image (" + (bytes.length == 0 ? "empty file" : "unknown signature") + ")");
        }
        String damage = format.damage(bytes);
        if (damage != null) {
            throw new UserError(name + ": damaged " + format.label() + " (" + damage + "); replace or remove it");
        }
        return bytes;
    }

    /** Whether {@code file} starts like an image of a format the decoder reads (not, say, an IDX file). */
    public static boolean startsAsImage(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return ImageFormat.of(in.readNBytes(64)) != null;
        } catch (IOException e) {
            return false;   // said by whoever reads it next
        }
    }
}
