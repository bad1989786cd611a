package dev.dl4jlab.data.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of files: of their bytes, or of their content after gunzip where they are gzipped. */
public final class Checksums {
    private Checksums() {
    }

    public static String digest(Path file, RemoteFile spec) throws IOException {
        try (InputStream in = spec.gunzip() ? MaybeGzipped.open(file) : new BufferedInputStream(Files.newInputStream(file))) {
            return digest(in, spec.algorithm());
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
