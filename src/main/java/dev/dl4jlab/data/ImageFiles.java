package dev.dl4jlab.data;

import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Checks an image file is a whole JPEG or PNG before a decoder sees it: OpenCV decodes a JPEG cut short into a partly
 * grey image without an error, and a model would silently train on it.
 */
public final class ImageFiles {
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D'};
    private static final List<String> ENDINGS = List.of(".jpg", ".jpeg", ".png");

    private ImageFiles() {
    }

    /** The JPEG and PNG files in {@code folder} (by name ending), sorted. */
    public static List<Path> imagesIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> ENDINGS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UserError(folder + ": cannot list: " + e.getMessage());
        }
    }

    /** A JPEG or PNG with its whole structure present, or a one-line error naming the file. */
    static void requireComplete(Path file) {
        completeBytes(file);
    }

    /** The bytes of a JPEG or PNG whose whole structure is present, or a one-line error naming the file. */
    static byte[] completeBytes(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": missing");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        if (isJpeg(bytes)) {
            String problem = jpegProblem(bytes);
            if (problem != null) {
                throw new UserError(file + ": damaged JPEG (" + problem + "); replace or remove it");
            }
        } else if (isPng(bytes)) {
            if (!pngComplete(bytes)) {
                throw new UserError(file + ": damaged PNG (cut short: no IEND chunk at its end); replace or remove it");
            }
        } else {
            throw new UserError(file + ": not a JPEG or PNG image (" + (bytes.length == 0 ? "empty file" : "unknown signature") + ")");
        }
        return bytes;
    }

    /**
     * A JPEG's width and height from its start-of-frame marker, or null when it has none before its first scan. (Read
     * before decoding, to choose how far libjpeg may scale the image down while decoding.)
     */
    static int[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 9 < b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;   // fill byte
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return new int[]{width, height};
            }
            if (marker == 0xDA || length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static boolean isPng(byte[] b) {
        return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean pngComplete(byte[] b) {
        if (b.length < 8 + 12) {
            return false;
        }
        for (int i = 0; i < PNG_END.length; i++) {
            if (b[b.length - 12 + i] != PNG_END[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks the JPEG's marker segments and entropy-coded scans to its end-of-image marker; returns what is wrong, or
     * null when the structure is whole. (Corrupt bits inside a scan need a decoder to notice.)
     */
    static String jpegProblem(byte[] b) {
        int i = 2;
        while (i < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return "no marker at byte " + i;
            }
            while (i < b.length && (b[i] & 0xFF) == 0xFF) {
                i++;   // fill bytes
            }
            if (i >= b.length) {
                break;
            }
            int marker = b[i++] & 0xFF;
            if (marker == 0xD9) {
                return null;   // end of image
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;   // markers without a length
            }
            if (i + 1 >= b.length) {
                break;
            }
            int length = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
            if (length < 2) {
                return "segment length " + length + " at byte " + i;
            }
            i += length;
            if (marker == 0xDA) {
                i = endOfScan(b, i);   // the compressed data runs to the next marker
            }
        }
        return "cut short: it ends before its end-of-image marker";
    }

    /** The index of the first marker after entropy-coded data starting at {@code i}, or the file's length. */
    private static int endOfScan(byte[] b, int i) {
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) == 0xFF) {
                int next = b[i + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2;   // a stuffed 0xFF byte, or a restart marker inside the scan
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return b.length;
    }
}
