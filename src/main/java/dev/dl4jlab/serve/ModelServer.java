package dev.dl4jlab.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dl4jlab.Json;
import dev.dl4jlab.ServerAddress;
import dev.dl4jlab.UserError;
import dev.dl4jlab.train.Predictor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code lab serve}'s HTTP server: {@code GET /health}, {@code GET /model}, {@code POST /predict} for one model, on the
 * JDK's com.sun.net.httpserver (not the training UI's Vert.x, whose netty is pinned for DL4J's UI and Spark; see the
 * docs/performance.md for its load figures). Input never stops it: every refusal is a 4xx with {@code {"error": ...}}
 * and one line on the log; anything unexpected a 500, and the server goes on.
 */
public final class ModelServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** The largest request body, unless --max-body says otherwise: 16 MB. */
    public static final int DEFAULT_MAX_BODY = 16 << 20;
    private static final String USERS = "another lab serve";
    private static final String PATHS = "GET /health, GET /model, POST /predict";

    static {
        // without TCP_NODELAY a keep-alive client waits for the delayed ACK of a response's second segment (~40 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final String host;

    private ModelServer(HttpServer server, ExecutorService workers, String host) {
        this.server = server;
        this.workers = workers;
        this.host = host;
    }

    /**
     * Listens on {@code host}:{@code port} (checked first: a bad host or a port in use is one user error).
     *
     * @param log where rejected requests are logged, one line each
     */
    public static ModelServer start(ServedModel model, String host, int port, int maxBody, PrintWriter log) {
        InetAddress address = ServerAddress.check(host, port, USERS);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 128);
        } catch (BindException e) {
            throw ServerAddress.portInUse(address, host, port, USERS);   // taken between the check and now
        } catch (IOException e) {
            throw new UserError("--host " + host + " --port " + port + ": cannot listen there: " + e.getMessage());
        }
        AtomicInteger count = new AtomicInteger();
        // a few per core: predicting is serialised, but reading, parsing and decoding requests are not
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), task -> {
            Thread thread = new Thread(task, "dl4j-lab-serve-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        Handler handler = new Handler(model, maxBody, log, ServerAddress.isLoopback(host) ? port : null);
        server.createContext("/", handler::handle);
        server.start();
        return new ModelServer(server, workers, host);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address as people type it. */
    public String url() {
        String shown = ServerAddress.isEverywhere(host) ? "127.0.0.1" : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port();
    }

    public boolean isPrivate() {
        return ServerAddress.isLoopback(host);
    }

    public String listensOn() {
        return ServerAddress.describe(host);
    }

    /** Stops listening, lets requests in progress finish (up to a second), then ends the worker threads. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    /** The answer to a prediction request. */
    record Answer(List<Example> predictions) {
    }

    /** One example's classes, most probable first. */
    record Example(List<ClassProbability> classes) {
    }

    @JsonPropertyOrder({"class", "probability"})
    record ClassProbability(@JsonProperty("class") String name, double probability) {
    }

    /** The routes, the limits and the refusals. */
    private static final class Handler {
        private final ServedModel model;
        private final int maxBody;
        private final PrintWriter log;
        private final byte[] health;
        private final byte[] description;
        /** The port of a server on a loopback address, whose requests must name the loopback (else null). */
        private final Integer loopbackPort;

        Handler(ServedModel model, int maxBody, PrintWriter log, Integer loopbackPort) {
            this.loopbackPort = loopbackPort;
            this.model = model;
            this.maxBody = maxBody;
            this.log = log;
            this.health = json(Map.of("status", "ok"));
            this.description = json(model.description());
        }

        void handle(HttpExchange exchange) {
            try (exchange) {
                String path = String.valueOf(exchange.getRequestURI().getRawPath());   // "null" for an opaque URI: a 404
                try {
                    String hostHeader = exchange.getRequestHeaders().getFirst("Host");
                    if (loopbackPort != null && !ServerAddress.isLoopbackHost(hostHeader, loopbackPort)) {
                        throw new HttpError(403, "Host " + hostHeader + " is not this machine's loopback address; ask http://localhost:"
                                + loopbackPort, null);
                    }
                    switch (path) {
                        case "/health" -> {
                            require(exchange, "GET");
                            send(exchange, 200, health);
                        }
                        case "/model" -> {
                            require(exchange, "GET");
                            send(exchange, 200, description);
                        }
                        case "/predict" -> {
                            require(exchange, "POST");
                            byte[] body = body(exchange);
                            PredictRequest request = PredictRequest.read(model, exchange.getRequestHeaders().getFirst("Content-Type"), body,
                                    exchange.getRequestURI().getRawQuery());
                            send(exchange, 200, json(answer(model.predict(request.examples(), request.top()))));
                        }
                        default -> throw new HttpError(404, "no such path " + path + "; this server answers " + PATHS);
                    }
                } catch (HttpError e) {
                    refuse(exchange, e.status(), e.getMessage(), e.allow());
                } catch (UserError e) {
                    refuse(exchange, 400, e.getMessage(), null);
                } catch (RuntimeException | Error e) {   // never fatal to the server: said, answered 500
                    refuse(exchange, 500, "internal: " + e, null);
                }
            } catch (IOException | RuntimeException clientGone) {
                // the client closed the connection before its answer: nothing to answer
            }
        }

        private static void require(HttpExchange exchange, String method) {
            if (!exchange.getRequestMethod().equals(method)) {
                throw new HttpError(405, exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + ": this path takes "
                        + method + " only", method);
            }
        }

        /** The body, up to the limit: a larger declared length is refused before any of it is read. */
        private byte[] body(HttpExchange exchange) throws IOException {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBody) {
                throw tooLarge(Long.parseLong(declared) + " bytes");
            }
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(maxBody + 1);
                if (body.length > maxBody) {
                    throw tooLarge("more than " + maxBody + " bytes");
                }
                return body;
            }
        }

        private HttpError tooLarge(String size) {
            return new HttpError(413, "body of " + size + " is over the limit of " + maxBody + " bytes (--max-body); "
                    + "send fewer rows or images per request");
        }

        private static Answer answer(List<Predictor.Prediction> predictions) {
            return new Answer(predictions.stream().map(p -> new Example(p.top().stream()
                    .map(r -> new ClassProbability(r.className(), r.probability())).toList())).toList());
        }

        private void refuse(HttpExchange exchange, int status, String message, String allow) throws IOException {
            log.println("lab serve: " + status + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " from " + exchange.getRemoteAddress().getAddress().getHostAddress() + ": " + message);
            log.flush();
            if (allow != null) {
                exchange.getResponseHeaders().set("Allow", allow);
            }
            if (status == 413) {
                exchange.getResponseHeaders().set("Connection", "close");   // the rest of the body is not read
            }
            send(exchange, status, json(Map.of("error", message)));
        }

        private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        private static byte[] json(Object value) {
            try {
                return Json.ONE_LINE.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not serialisable as JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
