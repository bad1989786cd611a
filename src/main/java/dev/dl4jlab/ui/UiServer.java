package dev.dl4jlab.ui;

import dev.dl4jlab.ServerAddress;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.VertxInternal;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DL4J training UI (Vert.x) on a chosen host and port, with the {@link RunsPage} under {@code /lab/}. DL4J M2.1
 * always listens on every interface; here the UI verticle gets a Vert.x whose HTTP servers bind to {@code host} only,
 * so the UI is private to this machine unless {@code --host} says otherwise.
 */
public final class UiServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9000;
    /** Who else may hold the UI's port, for the message. */
    private static final String USERS = "another lab ui";

    private final Vertx vertx;
    private final VertxUIServer server;
    private final String host;
    private final int port;
    private final List<Path> tempBefore;

    private UiServer(Vertx vertx, VertxUIServer server, String host, int port, List<Path> tempBefore) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
        this.port = port;
        this.tempBefore = tempBefore;
    }

    public static UiServer start(String host, int port) {
        return start(host, port, null);
    }

    /** @param runs the runs page to serve beside the DL4J pages, or null */
    public static UiServer start(String host, int port, RunsPage runs) {
        InetAddress address = ServerAddress.check(host, port, USERS);
        List<Path> tempBefore = leftInTemp();
        System.setProperty("org.deeplearning4j.ui.port", Integer.toString(port));
        VertxUIServer.getMultiSession().set(false);
        Vertx vertx = Vertx.vertx();
        HostBound verticle = new HostBound(host, port, runs);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(verticle, result -> {
            if (result.succeeded()) {
                deployed.complete(result.result());
            } else {
                deployed.completeExceptionally(result.cause());
            }
        });
        try {
            deployed.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            vertx.close();
            if (e.getCause() instanceof BindException || String.valueOf(e.getCause().getMessage()).contains("Address already in use")) {
                throw ServerAddress.portInUse(address, host, port, USERS);
            }
            throw new IllegalStateException("training UI failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("training UI did not start within 60 s", e);
        }
        removeNewFromTemp(tempBefore);
        return new UiServer(vertx, verticle, host, port, tempBefore);
    }

    /**
     * What DL4J's UI leaves in the temp folder and never removes: an upload folder {@code DL4JUI_<millis>} at every start
     * (no upload reaches it here: {@link RequestGate}) and copies of its FreeMarker templates
     * ({@code TrainingOverview.html.ftl<n>tmp}, one per render: {@link TemplatePages} renders each page once).
     */
    private static List<Path> leftInTemp() {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("DL4JUI_") && Files.isDirectory(p) || name.matches(".+\\.ftl-?\\d+tmp") && Files.isRegularFile(p);
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Removes what DL4J left in the temp folder since {@code before}: empty folders and template copies only. */
    private static void removeNewFromTemp(List<Path> before) {
        for (Path left : leftInTemp()) {
            if (!before.contains(left)) {
                try {
                    Files.deleteIfExists(left);   // a folder only if empty: never anything a user put there
                } catch (IOException notEmpty) {
                    // left as DL4J made it
                }
            }
        }
    }

    public void attach(StatsStorage storage) {
        server.attach(storage);
    }

    /** The overview page's address where the server really listens; for every interface, under this machine's name. */
    public String url() {
        return address() + "/train/overview";
    }

    /** The runs page's address (every stored run and sweep side by side). */
    public String runsUrl() {
        return address() + "/lab/runs";
    }

    private String address() {
        String shown = host;
        if (ServerAddress.isEverywhere(host)) {
            try {
                shown = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                shown = host;
            }
        }
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port;
    }

    /** Whether only this machine can reach the UI (a loopback address such as 127.0.0.1 or ::1). */
    public boolean isPrivate() {
        return ServerAddress.isLoopback(host);
    }

    /** The address it listens on, as people read it: "every interface" for 0.0.0.0 or ::. */
    public String listensOn() {
        return ServerAddress.describe(host);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(result -> closed.complete(null));
        try {
            closed.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the process is ending anyway
        }
        removeNewFromTemp(tempBefore);
    }

    /** DL4J's UI verticle, given a Vert.x whose no-argument createHttpServer() binds to one host. */
    static final class HostBound extends VertxUIServer {
        private final String host;
        private final int port;
        private final RunsPage runs;

        HostBound(String host, int port, RunsPage runs) {
            this.host = host;
            this.port = port;
            this.runs = runs;
        }

        @Override
        public void init(Vertx vertx, Context context) {
            super.init(bindTo(host, port, vertx, runs, this), context);
        }
    }

    /**
     * A Vert.x whose HTTP servers listen on {@code host}: DL4J calls {@code createHttpServer()...listen(port, handler)},
     * which Vert.x binds to 0.0.0.0, so the server it gets turns {@code listen(port, handler)} into
     * {@code listen(port, host, handler)}.
     */
    static Vertx bindTo(String host, int port, Vertx vertx, RunsPage runs, VertxUIServer ui) {
        Class<?> type = vertx instanceof VertxInternal ? VertxInternal.class : Vertx.class;
        return (Vertx) Proxy.newProxyInstance(UiServer.class.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer") && (args == null || args.length == 0)) {
                return hostBound(host, port, vertx.createHttpServer(), runs, ui);
            }
            return forward(vertx, proxy, method, args);
        });
    }

    private static HttpServer hostBound(String host, int port, HttpServer server, RunsPage runs, VertxUIServer ui) {
        RequestGate gate = new RequestGate(ServerAddress.isLoopback(host), port, UiServer::isResourceFile);
        TemplatePages pages = new TemplatePages();
        return (HttpServer) Proxy.newProxyInstance(UiServer.class.getClassLoader(), new Class<?>[]{HttpServer.class}, (proxy, method, args) -> {
            if (method.getName().equals("requestHandler") && args != null && args.length == 1) {
                @SuppressWarnings("unchecked")
                Handler<HttpServerRequest> router = (Handler<HttpServerRequest>) args[0];
                server.requestHandler(request -> {
                    RequestGate.Refusal refusal = request.headers().getAll("Host").size() > 1
                            ? new RequestGate.Refusal(400, "more than one Host header")
                            : gate.check(request.rawMethod(), request.path(), name -> name.equals("Host") ? host(request) : request.getHeader(name));
                    // no page of the UI may be framed by another site (clickjacking)
                    request.response().putHeader("X-Frame-Options", "DENY").putHeader("Content-Security-Policy", "frame-ancestors 'none'");
                    if (refusal != null) {
                        refuse(request, refusal);
                    } else if (pages.serve(request)) {
                        return;   // a template page rendered before: DL4J copies the template to a temp file on every render
                    } else if (unknownLanguage(request.path())) {
                        request.response().setStatusCode(404).end("unknown language; the training UI speaks " + LANGUAGES);
                    } else if (RunsPage.handles(request.path())) {
                        if (runs != null) {
                            runs.handle(request);
                        } else {
                            request.response().setStatusCode(404).end("no runs page here");
                        }
                    } else if (OverviewTimes.isOverviewData(request.path())) {
                        String path = request.path();
                        router.handle(rewritingBody(request, body -> OverviewTimes.fill(ui, path, body)));
                    } else if (request.path().startsWith("/train")) {
                        String path = request.path();
                        router.handle(rewritingBody(request, body -> pages.remember(path,
                                OverviewWaiting.addTo(path, runs != null ? RunsPage.linkFrom(body) : body))));
                    } else {
                        if (request.path().startsWith("/setlang/")) {
                            pages.clear();   // the pages are rendered in the UI's language
                        }
                        router.handle(request);
                    }
                });
                return proxy;
            }
            if (method.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer) {
                @SuppressWarnings("unchecked")
                Handler<AsyncResult<HttpServer>> done = (Handler<AsyncResult<HttpServer>>) args[1];
                server.listen((Integer) args[0], host, done);
                return proxy;
            }
            return forward(server, proxy, method, args);
        });
    }

    /**
     * The host a request names: its Host header (HTTP/2: :authority), or the authority of an absolute-form request line
     * ({@code GET http://name/path}), which HTTP/1.1 says takes precedence over the header.
     */
    private static String host(HttpServerRequest request) {
        String uri = request.uri();
        if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            try {
                return java.net.URI.create(uri).getRawAuthority();
            } catch (IllegalArgumentException malformed) {
                return uri;
            }
        }
        return request.host();
    }

    /** Answers the refusal, then closes the connection without reading whatever body the client still sends. */
    private static void refuse(HttpServerRequest request, RequestGate.Refusal refusal) {
        request.pause();
        HttpServerResponse response = request.response().setStatusCode(refusal.status())
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Connection", "close");
        if (refusal.status() == 405) {
            response.putHeader("Allow", "GET");
        }
        response.end(refusal.reason() + "\n", done -> request.connection().close());
    }

    /** Whether {@code name} is a file (not a folder) on the class path. */
    static boolean isResourceFile(String name) {
        java.net.URL url = UiServer.class.getClassLoader().getResource(name);
        if (url == null) {
            return false;
        }
        try {
            if (url.openConnection() instanceof java.net.JarURLConnection jar) {
                return !jar.getJarEntry().isDirectory();
            }
            return url.getProtocol().equals("file") && Files.isRegularFile(Path.of(url.toURI()));
        } catch (IOException | java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The request as DL4J sees it, except that a text body it ends the response with passes through {@code rewrite}. */
    private static HttpServerRequest rewritingBody(HttpServerRequest request, java.util.function.UnaryOperator<String> rewrite) {
        HttpServerResponse response = request.response();
        HttpServerResponse rewriting = (HttpServerResponse) Proxy.newProxyInstance(UiServer.class.getClassLoader(),
                new Class<?>[]{HttpServerResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("end") && args != null && args.length == 1 && args[0] instanceof String body) {
                        response.end(rewrite.apply(body));
                        return null;
                    }
                    return forward(response, proxy, method, args);
                });
        return (HttpServerRequest) Proxy.newProxyInstance(UiServer.class.getClassLoader(), new Class<?>[]{HttpServerRequest.class},
                (proxy, method, args) -> method.getName().equals("response") && (args == null || args.length == 0)
                        ? rewriting : forward(request, proxy, method, args));
    }

    /** The languages DL4J ships translations for (its {@code dl4j_i18n/train.<language>} resources). */
    static final java.util.List<String> LANGUAGES = java.util.stream.Stream.of("en", "de", "ja", "ko", "ru", "zh")
            .filter(language -> UiServer.class.getResource("/dl4j_i18n/train." + language) != null).toList();

    /**
     * DL4J's {@code /setlang/<to>} (and {@code /setlang/<session>/<to>}) sets the UI's language for every visitor, and
     * an unknown one makes every page fail until someone sets a known one: such requests are answered 404 here.
     */
    static boolean unknownLanguage(String path) {
        if (path == null || !path.startsWith("/setlang/")) {
            return false;
        }
        String language = path.substring(path.lastIndexOf('/') + 1);
        return !LANGUAGES.contains(language);
    }

    /** Calls the real object; a fluent call that returns the real object returns the proxy, so chains stay wrapped. */
    private static Object forward(Object target, Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            Object result = method.invoke(target, args);
            return result == target ? proxy : result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
