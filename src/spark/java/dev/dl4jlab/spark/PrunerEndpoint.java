package dev.dl4jlab.spark;

import com.sun.net.httpserver.HttpServer;
import dev.dl4jlab.sweep.Pruner;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pruning decisions for candidates training on Spark executors, made by the driver: the driver listens on its Spark
 * address (executors reach the driver there already) and an executor asks it after each checked epoch whether its
 * candidate trains on. Requests carry a random token, so only this sweep's tasks are answered.
 */
final class PrunerEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dl4j-lab-pruner");
        t.setDaemon(true);
        return t;
    });
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final String url;

    /** Listens on {@code bindAddress} (an ephemeral port); executors call {@code advertisedHost}. */
    PrunerEndpoint(Pruner pruner, String advertisedHost, String bindAddress) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 16);
        server.createContext("/prune", exchange -> {
            try (exchange) {
                // body: token, candidate key, epoch, value (Double.toString: exact), one a line
                String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
                if (!exchange.getRequestMethod().equals("POST") || lines.length != 4 || !lines[0].equals(token)) {
                    exchange.sendResponseHeaders(403, -1);
                    return;
                }
                Pruner.Pruned pruned = pruner.report(lines[1], Integer.parseInt(lines[2]), Double.parseDouble(lines[3]));
                byte[] answer = (pruned == null ? "" : pruned.reason()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
        });
        server.setExecutor(threads);
        server.start();
        url = "http://" + (advertisedHost.contains(":") ? "[" + advertisedHost + "]" : advertisedHost) + ":"
                + server.getAddress().getPort() + "/prune";
    }

    /** What a task needs to ask: this endpoint's address and token. */
    Remote remote() {
        return new Remote(url, token);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The executor's side: asks the driver, and knows which epochs to ask about from the sweep's own pruner settings. */
    record Remote(String url, String token) implements Serializable {

        Pruner on(Pruner epochs) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            return new Pruner() {
                @Override
                public boolean checks(int epoch) {
                    return epochs.checks(epoch);
                }

                @Override
                public Pruned report(String candidate, int epoch, double value) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofString(token + "\n" + candidate + "\n" + epoch + "\n" + value)).build();
                    try {
                        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(url + " answered " + answer.statusCode() + " to a pruning report");
                        }
                        return answer.body().isEmpty() ? null : new Pruned(epoch, value, answer.body());
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot reach the sweep's driver at " + url + " for a pruning decision: " + e, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while asking " + url + " for a pruning decision", e);
                    }
                }

                @Override
                public void finished(String candidate, java.util.Map<Integer, Double> values) {
                    // the driver hears it with the task's result
                }

                @Override
                public void forget(String candidate) {
                }

                @Override
                public void record(String candidate, int epoch, double value) {
                }
            };
        }
    }
}
