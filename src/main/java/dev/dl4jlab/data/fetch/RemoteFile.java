package dev.dl4jlab.data.fetch;

/**
 * A dataset file as stored under {@code datasets/}: its name there, its name on the mirrors, and the digest that
 * verifies it. {@code gunzip}: the mirrors serve it gzipped, it is stored uncompressed, and the digest is of the
 * uncompressed content (so a hand-placed {@code .gz} verifies too).
 */
public record RemoteFile(String name, String remoteName, String algorithm, String digest, boolean gunzip) {

    /** Served as {@code name.gz}, stored uncompressed, verified by SHA-256 of the content (MNIST). */
    public static RemoteFile gzipped(String name, String sha256) {
        return new RemoteFile(name, name + ".gz", "SHA-256", sha256, true);
    }

    /** Served and stored as-is, verified by a digest of its bytes. */
    public static RemoteFile plain(String name, String algorithm, String digest) {
        return new RemoteFile(name, name, algorithm, digest, false);
    }
}
