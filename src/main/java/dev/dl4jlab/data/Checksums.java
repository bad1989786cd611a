package dev.dl4jlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of file contents; gzipped files are hashed after decompression, so either form verifies. */
public final class Checksums {
    private Checksums() {
    }

    public static String sha256OfContent(Path file) throws IOException {
        try (InputStream in = IdxFile.open(file)) {
            return digest(in, "SHA-256");
        }
    }

    public static String digest(InputStream in, String algorithm) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
