package dev.dl4jlab.ui;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.sweep.StoredResults;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.HistoryCsv;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs page beside the DL4J training UI ({@code /lab/runs}): every stored run and sweep below the served folders
 * in one table (the rows {@code lab compare} prints, read by the same {@link StoredResults}), per-epoch curves of
 * selected runs overlaid, and a sweep's candidates and charts. Read-only. Files are served by id only: a history or a
 * chart is sent when it belongs to a row or sweep found below the served folders, so no path a request names can
 * reach anything else; every other {@code /lab/} request is a 404.
 */
public final class RunsPage {
    static final String PREFIX = "/lab/";
    private static final String RESOURCES = "/dev/dl4jlab/ui/runs/";
    private static final Map<String, String> ASSETS = Map.of(
            "/lab/runs", "runs.html",
            "/lab/runs.js", "runs.js",
            "/lab/runs.css", "runs.css");

    private final List<Path> roots;

    /** @param roots the served folders (results folders, run or sweep folders) */
    public RunsPage(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** A DL4J page with a link to the runs page in its corner; anything that is not an HTML page, unchanged. */
    static String linkFrom(String body) {
        int end = body.lastIndexOf("</body>");
        if (end < 0) {
            return body;
        }
        return body.substring(0, end) + LINK + body.substring(end);
    }

    private static final String LINK = "<a id=\"lab-runs-link\" href=\"/lab/runs\" style=\"position:fixed;right:16px;bottom:12px;"
            + "z-index:9999;background:#263238;color:#fff;padding:6px 12px;border-radius:4px;font:13px sans-serif;"
            + "text-decoration:none\">All runs side by side &rarr;</a>";

    static boolean handles(String path) {
        return path.equals("/lab") || path.startsWith(PREFIX);
    }

    void handle(HttpServerRequest request) {
        String path = request.path();
        try {
            if (path.equals("/lab") || path.equals(PREFIX)) {
                request.response().setStatusCode(302).putHeader("Location", "/lab/runs").end();
            } else if (ASSETS.containsKey(path)) {
                String name = ASSETS.get(path);
                send(request, 200, contentType(name), Buffer.buffer(resource(name)));
            } else if (path.equals("/lab/api/runs")) {
                sendJson(request, index());
            } else if (path.equals("/lab/api/history")) {
                Path file = historyOf(request.getParam("id"));
                if (file == null) {
                    notFound(request);
                } else {
                    sendJson(request, history(file));
                }
            } else if (path.equals("/lab/file")) {
                Path file = chartOf(request.getParam("sweep"), request.getParam("name"));
                if (file == null) {
                    notFound(request);
                } else {
                    send(request, 200, "image/png", Buffer.buffer(Files.readAllBytes(file)));
                }
            } else {
                notFound(request);
            }
        } catch (IOException | UncheckedIOException | UserError e) {
            send(request, 500, "text/plain; charset=utf-8", Buffer.buffer("cannot read the results: " + e.getMessage()));
        }
    }

    /** The runs and sweeps as the page shows them. */
    Map<String, Object> index() {
        List<String> warnings = new ArrayList<>();
        StoredResults.Found found;
        try {
            found = StoredResults.collect(roots, warnings::add);
        } catch (UserError none) {
            found = new StoredResults.Found(List.of(), List.of());
            warnings.add(none.getMessage());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredResults.Row r : found.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.history() == null ? null : id(r.history()));
            row.put("name", r.name());
            row.put("kind", r.kind());
            row.put("dataset", r.dataset());
            row.put("model", r.model());
            row.put("learningRate", finite(r.learningRate()));
            row.put("momentum", finite(r.momentum()));
            row.put("batch", r.batchSize());
            row.put("epochs", r.epochs());
            row.put("split", r.split());
            row.put("status", r.status());
            row.put("accuracy", r.accuracy());
            row.put("loss", r.loss());
            row.put("auc", r.auc());
            row.put("seconds", r.seconds());
            row.put("when", r.when());
            row.put("session", recorded(r) ? r.session() : null);
            row.put("sweep", r.kind().startsWith("sweep") ? id(r.folder()) : null);
            rows.add(row);
        }
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (StoredResults.Sweep s : found.sweeps()) {
            Map<String, Object> sweep = new LinkedHashMap<>();
            sweep.put("id", id(s.folder()));
            sweep.put("name", s.name());
            sweep.put("charts", charts(s.folder()));
            sweeps.add(sweep);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("roots", roots.stream().map(Path::toString).toList());
        index.put("rows", rows);
        index.put("sweeps", sweeps);
        index.put("warnings", warnings);
        return index;
    }

    /**
     * Whether the row's training statistics were kept (stats.dl4j beside its history.csv), so that its session link
     * leads somewhere: a run trained with --no-stats has none, and the UI answers its session id with 400.
     */
    private static boolean recorded(StoredResults.Row r) {
        return r.session() != null && r.history() != null && Files.isRegularFile(r.history().resolveSibling(StatsRecording.FILE));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The per-epoch curves of one history.csv. */
    private static Map<String, Object> history(Path file) {
        HistoryCsv.History history = HistoryCsv.read(file);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochRecord e : history.epochs()) {
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("epoch", e.epoch());
            epoch.put("trainLoss", e.trainLoss());
            epoch.put("evalLoss", e.evalLoss());
            epoch.put("evalAccuracy", e.evalAccuracy());
            epochs.add(epoch);
        }
        return Map.of("split", history.evalSplit(), "epochs", epochs);
    }

    /** An id for a file or folder below a served root: the root's index and the path below it. */
    private String id(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (int i = 0; i < roots.size(); i++) {
            if (absolute.startsWith(roots.get(i))) {
                return i + ":" + roots.get(i).relativize(absolute).toString().replace('\\', '/');
            }
        }
        return null;
    }

    /** The history.csv with this id, if some row found below the served folders has it; else null. */
    private Path historyOf(String id) {
        if (id == null) {
            return null;
        }
        try {
            for (StoredResults.Row r : StoredResults.collect(roots, w -> { }).rows()) {
                if (r.history() != null && id.equals(id(r.history()))) {
                    return r.history();
                }
            }
        } catch (UserError none) {
            return null;
        }
        return null;
    }

    /** The chart {@code name} of the sweep with this id, if such a sweep was found and has that PNG; else null. */
    private Path chartOf(String sweepId, String name) {
        if (sweepId == null || name == null) {
            return null;
        }
        try {
            for (StoredResults.Sweep s : StoredResults.collect(roots, w -> { }).sweeps()) {
                if (sweepId.equals(id(s.folder())) && charts(s.folder()).contains(name)) {
                    return s.folder().resolve(name);
                }
            }
        } catch (UserError none) {
            return null;
        }
        return null;
    }

    /** The PNG files directly in a sweep folder (its charts), by name; not links, which could point anywhere. */
    private static List<String> charts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RunsPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static String contentType(String name) {
        return name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : "text/css; charset=utf-8";
    }

    private static void sendJson(HttpServerRequest request, Object value) {
        send(request, 200, "application/json; charset=utf-8", Buffer.buffer(Json.text(value)));
    }

    private static void notFound(HttpServerRequest request) {
        send(request, 404, "text/plain; charset=utf-8", Buffer.buffer("not found"));
    }

    private static void send(HttpServerRequest request, int status, String type, Buffer body) {
        request.response().setStatusCode(status).putHeader("Content-Type", type).putHeader("Cache-Control", "no-store").end(body);
    }
}
