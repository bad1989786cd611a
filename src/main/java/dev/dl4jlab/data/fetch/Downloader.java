package dev.dl4jlab.data.fetch;

import dev.dl4jlab.Shutdown;
import dev.dl4jlab.console.ProgressLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Downloads one URL to a file, atomically (a partial download never sits under the final name), with progress. A
 * server that stops answering for {@link #stallTimeout} (before the headers or in the middle of the body) fails the
 * download with {@link Stalled}; a partial file is removed also when the process is stopped.
 */
public final class Downloader {
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_REDIRECTS = 5;
    private final Duration stallTimeout;

    public Downloader() {
        this(STALL_TIMEOUT);
    }

    Downloader(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    Duration stallTimeout() {
        return stallTimeout;
    }

    /** The server accepted no connection, or sent nothing, for the stall timeout. */
    static final class Stalled extends IOException {
        Stalled(Duration after) {
            super("no answer in " + describe(after));
        }
    }

    public void download(URI url, Path target, ProgressLine progress) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpURLConnection connection = open(url);
        try (Shutdown.Cleanup ignored = Shutdown.onShutdown(() -> FileFetcher.deleteQuietly(part));
             InputStream body = connection.getInputStream()) {
            long total = connection.getContentLengthLong();
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                long done = 0;
                for (int n; (n = body.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    progress.update("  " + target.getFileName() + "  " + megabytes(done)
                            + (total > 0 ? " / " + megabytes(total) + String.format(Locale.ROOT, "  %3.0f%%", 100.0 * done / total) : ""));
                }
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SocketTimeoutException e) {
            throw new Stalled(stallTimeout);
        } finally {
            FileFetcher.deleteQuietly(part);   // none left after the move
            connection.disconnect();
        }
    }

    /** Connects and follows redirects (never from https to http), up to the 200 response. */
    private HttpURLConnection open(URI url) throws IOException {
        URI at = url;
        for (int hop = 0; ; hop++) {
            HttpURLConnection connection = (HttpURLConnection) at.toURL().openConnection();
            connection.setConnectTimeout((int) stallTimeout.toMillis());
            connection.setReadTimeout((int) stallTimeout.toMillis());   // per read: a stall, however long the file
            connection.setInstanceFollowRedirects(false);
            int status;
            try {
                status = connection.getResponseCode();
            } catch (SocketTimeoutException e) {
                connection.disconnect();
                throw new Stalled(stallTimeout);
            }
            String location = connection.getHeaderField("Location");
            if (status >= 300 && status < 400 && location != null && hop < MAX_REDIRECTS) {
                URI next = at.resolve(location);
                connection.disconnect();
                if (at.getScheme().equals("https") && !"https".equals(next.getScheme())) {
                    throw new IOException("redirected from https to " + next);
                }
                at = next;
                continue;
            }
            if (status != 200) {
                connection.disconnect();
                throw new IOException("HTTP " + status);
            }
            return connection;
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
