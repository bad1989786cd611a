package dev.dl4jlab.ui;

import java.util.regex.Pattern;

/**
 * The overview page of a live training ({@code lab train --ui}) was blank while the data loaded: empty charts and
 * tables, nothing saying that anything was coming. This adds a notice that polls the page's own overview data and shows
 * "waiting for training's first report: loading data…" while it holds no score, and hides once the first report
 * arrives. It starts hidden, so a stored run's overview (data there at once) does not flash it; its data-state says
 * what the last look found ("waiting" or "reported").
 */
final class OverviewWaiting {
    static final String TEXT = "waiting for training's first report: loading data…";
    private static final Pattern OVERVIEW = Pattern.compile("/train(/[^/]+)?/overview/?");
    private static final String NOTICE = "<div id=\"lab-waiting\" hidden style=\"position:fixed;top:70px;left:50%;"
            + "transform:translateX(-50%);z-index:9999;background:#fff8e1;border:1px solid #ffb300;color:#4e342e;"
            + "padding:10px 18px;border-radius:4px;font:15px sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.25)\">" + TEXT + "</div>"
            + "<script>(function () {"
            + "var notice = document.getElementById('lab-waiting');"
            + "var data = location.pathname.replace(/\\/$/, '') + '/data';"
            + "function poll() {"
            + "fetch(data, {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (d) {"
            + "var waiting = !d.scores || d.scores.length === 0;"
            + "notice.hidden = !waiting;"
            + "notice.dataset.state = waiting ? 'waiting' : 'reported';"
            + "if (waiting) { setTimeout(poll, 1000); }"
            + "}).catch(function () { setTimeout(poll, 2000); });"
            + "}"
            + "poll();"
            + "})();</script>";

    private OverviewWaiting() {
    }

    /** The page with the notice before its end, when {@code path} is an overview page; anything else unchanged. */
    static String addTo(String path, String body) {
        int end = body.lastIndexOf("</body>");
        if (!OVERVIEW.matcher(path).matches() || end < 0) {
            return body;
        }
        return body.substring(0, end) + NOTICE + body.substring(end);
    }
}
