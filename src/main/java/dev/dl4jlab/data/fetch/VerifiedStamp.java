package dev.dl4jlab.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Remembers that a file was verified: a hidden {@code .<name>.verified} beside it holds the checksum with the file's
 * {@link FileIdentity} (size, modification time, inode and ctime), so later runs skip re-hashing unless the file
 * changed, even when its old modification time was put back.
 */
public final class VerifiedStamp {
    private VerifiedStamp() {
    }

    static boolean matches(Path file, String checksum) {
        Path stamp = stampOf(file);
        try {
            return Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(line(file, checksum));
        } catch (IOException e) {
            return false;
        }
    }

    public static void write(Path file, String checksum) {
        try {
            Files.write(stampOf(file), List.of(line(file, checksum)));
        } catch (IOException ignored) {
            // without a stamp the next run hashes again: slower, still correct
        }
    }

    private static String line(Path file, String checksum) throws IOException {
        return checksum + " " + FileIdentity.of(file);
    }

    private static Path stampOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".verified");
    }
}
