package dev.dl4jlab.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load client for {@code lab bench --cases serve}: {@code clients} threads, each on one keep-alive HTTP/1.1
 * connection (raw sockets: the client shares the machine with the server, so it should cost little), sending the same
 * request back to back and timing each answer.
 */
public final class LoadTest {
    private LoadTest() {
    }

    /** What one load run measured: wall time and every request's latency; an error is any answer but 200. */
    public record Figures(int requests, int errors, double seconds, double[] latenciesMs, String firstError) {
        public double perSecond() {
            return requests / seconds;
        }

        /** The latency below which {@code q} of the requests were answered (nearest rank). */
        public double percentileMs(double q) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }

        public String summary() {
            return String.format(Locale.ROOT, "%,d requests in %.2f s: %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%s",
                    requests, seconds, perSecond(), percentileMs(0.5), percentileMs(0.99), percentileMs(1.0), errors,
                    firstError == null ? "" : " (first: " + firstError + ")");
        }

        /** These figures and {@code other}'s as one run (latencies pooled, times added). */
        public Figures plus(Figures other) {
            double[] pooled = Arrays.copyOf(latenciesMs, latenciesMs.length + other.latenciesMs.length);
            System.arraycopy(other.latenciesMs, 0, pooled, latenciesMs.length, other.latenciesMs.length);
            return new Figures(requests + other.requests, errors + other.errors, seconds + other.seconds, pooled,
                    firstError != null ? firstError : other.firstError);
        }
    }

    /** Sends {@code perClient} POSTs of {@code body} to {@code path} from each of {@code clients} connections at once. */
    public static Figures post(String host, int port, String path, String contentType, byte[] body, int clients, int perClient) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        double[] latencies = new double[clients * perClient];
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * perClient;
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(host, port), 10_000);
                    socket.setSoTimeout(30_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    start.await();
                    for (int i = 0; i < perClient; i++) {
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        int status = readResponse(in);
                        latencies[offset + i] = (System.nanoTime() - t0) / 1e6;
                        if (status != 200) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                firstError[0] = firstError[0] == null ? "HTTP " + status : firstError[0];
                            }
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    errors.addAndGet(1);
                    synchronized (firstError) {
                        firstError[0] = firstError[0] == null ? e.toString() : firstError[0];
                    }
                }
            }, "dl4j-lab-load-" + c);
            threads.add(thread);
            thread.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Figures(latencies.length, errors.get(), seconds, latencies, firstError[0]);
    }

    /** Reads one response (status line, headers, a Content-Length body); returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("connection closed inside a response body");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + status);
        }
        return Integer.parseInt(parts[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
