package dev.dl4jlab.ui;

import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The training UI's HTML pages (overview, model, system), kept once rendered. DL4J renders them from FreeMarker
 * templates that it copies out of its jar into a new temp file on every request (kept until the process exits): a
 * page the UI has rendered is answered from here, so viewing pages writes nothing. The pages hold no data, only the
 * language's words (the figures come from the JSON endpoints), so they are kept until the language changes.
 */
final class TemplatePages {
    private static final Pattern PAGE = Pattern.compile("/train(/[^/]+)?/(overview|model|system)/?|/train/?");
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    /** Answers a page rendered before; false when the request is for something else or the page is new. */
    boolean serve(HttpServerRequest request) {
        String page = rendered.get(request.path());
        if (page == null) {
            return false;
        }
        request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
        return true;
    }

    /** Keeps {@code body} when {@code path} is a template page; returns it unchanged. */
    String remember(String path, String body) {
        if (PAGE.matcher(path).matches() && body.contains("<html")) {
            rendered.put(path, body);
        }
        return body;
    }

    void clear() {
        rendered.clear();
    }
}
