package dev.dl4jlab.data;

/** A dataset file as stored under {@code datasets/}, with the SHA-256 of its (uncompressed) content. */
public record RemoteFile(String name, String sha256) {
}
