package dev.dl4jlab.data.idx;

import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.RemoteFile;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lab process fetching MNIST-layout files from one (local) mirror: {@code DIR MIRROR NAME=SHA256...}. */
public final class MirrorFetchProcess {
    private MirrorFetchProcess() {
    }

    public static void main(String[] args) {
        List<RemoteFile> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] nameAndDigest = args[i].split("=", 2);
            files.add(RemoteFile.gzipped(nameAndDigest[0], nameAndDigest[1]));
        }
        new MnistFetcher(List.of(URI.create(args[1])), files, null)
                .ensure(Path.of(args[0]), ProgressLine.to(new PrintWriter(System.err, true)), true);
    }
}
