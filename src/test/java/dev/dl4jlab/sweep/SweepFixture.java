package dev.dl4jlab.sweep;

import dev.dl4jlab.IdxFixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small IDX dataset, a base experiment config over it, and sweep configs next to it. */
final class SweepFixture {
    final Path dir;
    final Path base;

    SweepFixture(Path dir, int perClass, int epochs) throws IOException {
        this.dir = dir;
        Path data = dir.resolve("data");
        IdxFixtures.writeDataset(data, 4, perClass, false, 21);
        base = dir.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "base", "{}",
                "{\"epochs\": " + epochs + ", \"optimizer\": {\"learningRate\": 0.1}}"));
    }

    Path sweep(String name, String search) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"base\": \"base.json\", \"search\": " + search + "}");
        return file;
    }

    /** The sweep folder under {@code parent}, once its journal holds at least one whole candidate (both epoch counts). */
    static Path waitForFinishedCandidate(Path parent, Process lab) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            if (!lab.isAlive()) {
                throw new AssertionError("sweep ended before it could be interrupted (exit " + lab.exitValue() + ")");
            }
            if (Files.isDirectory(parent)) {
                try (java.util.stream.Stream<Path> folders = Files.list(parent)) {
                    for (Path folder : folders.toList()) {
                        if (!SweepRunner.finishedCandidates(new SweepJournal(folder).read(), 2).isEmpty()) {
                            return folder;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no candidate finished in time");
    }
}
