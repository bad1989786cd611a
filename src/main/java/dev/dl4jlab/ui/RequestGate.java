package dev.dl4jlab.ui;

import dev.dl4jlab.ServerAddress;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the UI server answers before DL4J's router sees a request. DL4J's Vert.x UI has routes lab does not need, some
 * of them writing (t-SNE uploads into the temp folder, the remote stats receiver), buffers any request body in full, and
 * never answers a missing asset. Here only GET reaches it, on the routes lab's pages use, without a body, from this
 * origin: the UI reads and never writes.
 *
 * @param loopbackOnly the server listens on a loopback address, so every Host but a loopback name is refused (a page
 *                     on another site cannot reach it through DNS rebinding)
 * @param port         the port it listens on
 * @param resource     whether a class-path resource exists (an asset DL4J would send)
 */
record RequestGate(boolean loopbackOnly, int port, Predicate<String> resource) {
    /** The path prefixes lab's pages use: DL4J's training pages, their assets and languages, and the runs page. */
    private static final List<String> ROUTES = List.of("/train", "/assets/", "/setlang/", "/lab");

    /** A refusal: the status, the reason in plain text, and for 405 the methods allowed. */
    record Refusal(int status, String reason) {
    }

    /**
     * Null to let the request through, else why not.
     *
     * @param header the request's headers by (case-insensitive) name, null where absent
     */
    Refusal check(String method, String path, Function<String, String> header) {
        if (!method.equals("GET")) {
            return new Refusal(405, "the training UI only reads: GET only");
        }
        String length = header.apply("Content-Length");
        if (length != null && !length.strip().equals("0") || header.apply("Transfer-Encoding") != null) {
            return new Refusal(413, "the training UI takes no request bodies");
        }
        String type = header.apply("Content-Type");
        if (type != null && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"))) {
            return new Refusal(415, "the training UI takes no forms or uploads");   // DL4J would make an upload folder for them
        }
        String host = header.apply("Host");
        if (loopbackOnly && !ServerAddress.isLoopbackHost(host, port)) {
            return new Refusal(403, "Host " + host + " is not this machine's loopback address; open the UI as http://localhost:" + port);
        }
        String origin = header.apply("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
            return new Refusal(403, "cross-origin requests are refused (Origin " + origin + ")");
        }
        // <img>, <script> and the like from another site carry no Origin on GET; the browser says where they come from
        if ("cross-site".equals(header.apply("Sec-Fetch-Site")) && !"navigate".equals(header.apply("Sec-Fetch-Mode"))) {
            return new Refusal(403, "cross-site requests are refused");
        }
        if (!path.equals("/") && ROUTES.stream().noneMatch(path::startsWith)) {
            return new Refusal(404, "not served here: " + path);
        }
        if (path.startsWith("/assets/") && !assetExists(path)) {
            return new Refusal(404, "no such asset: " + path);
        }
        return null;
    }

    /** Whether DL4J's asset route would find the file: the same mapping as VertxUIServer's, nothing outside it. */
    private boolean assetExists(String path) {
        String file;
        try {
            file = URLDecoder.decode(path.substring("/assets/".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return false;
        }
        if (file.contains("..") || file.contains("\\") || file.isEmpty() || file.endsWith("/") || !file.equals(path.substring(8))) {
            return false;   // DL4J sends the raw path: an escaped name would not be found by it either
        }
        String name = file.contains("webjars") ? "META-INF/resources/" + file.substring(file.indexOf("webjars"))
                : "deeplearning4jUiAssets/" + (file.startsWith("/") ? file.substring(1) : file);
        return resource.test(name);
    }
}
