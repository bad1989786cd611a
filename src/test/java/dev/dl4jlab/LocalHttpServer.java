package dev.dl4jlab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 serving byte arrays by path (404 for anything else), for download tests; a path can
 * also stall, as a mirror that stops answering does, until the server is closed.
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Stalled paths: the bytes sent before the stall, or null to stall before the response headers. */
    private final Map<String, Optional<byte[]>> stalls = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    public LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            Optional<byte[]> stall = stalls.get(path);
            if (stall != null) {
                stall(exchange, stall.orElse(null));
                return;
            }
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.setExecutor(threads);   // a stalled exchange must not hold up the others
        server.start();
    }

    /** {@code path} accepts the request and never answers. */
    public LocalHttpServer stall(String path) {
        stalls.put(path, Optional.empty());
        return this;
    }

    /** {@code path} announces twice the length of {@code prefix}, sends {@code prefix}, and then nothing more. */
    public LocalHttpServer stallAfter(String path, byte[] prefix) {
        stalls.put(path, Optional.of(prefix));
        return this;
    }

    private void stall(HttpExchange exchange, byte[] prefix) throws IOException {
        try {
            if (prefix != null) {
                exchange.sendResponseHeaders(200, 2L * prefix.length);
                exchange.getResponseBody().write(prefix);
                exchange.getResponseBody().flush();
            }
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    public LocalHttpServer serve(String path, byte[] body) {
        files.put(path, body);
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
