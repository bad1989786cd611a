package dev.dl4jlab.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A line that changes whenever a file's content may have changed, without reading it: size and modification time, plus
 * the inode and the status-change time (ctime). Size and mtime alone can lie: an edit followed by {@code touch -d} or
 * {@code Files.setLastModifiedTime}, or two same-size files swapped, keeps both; but every write, rename or mtime
 * restore sets ctime to now, and a replaced file has a new inode. Where the file system has no inode or ctime, the
 * content's CRC32C stands in for them (slower, still exact).
 */
public final class FileIdentity {
    private FileIdentity() {
    }

    public static String of(Path file) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
        String sizeAndTime = basic.size() + " " + basic.lastModifiedTime().toMillis();
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(file, "unix:ino,ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return sizeAndTime + " crc32c=" + Long.toHexString(crc32c(file));
        }
        return sizeAndTime + " ino=" + unix.get("ino") + " ctime=" + ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS);
    }

    private static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
