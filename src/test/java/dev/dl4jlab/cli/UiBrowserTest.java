package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium loads the UI's overview page for a stored run; the rendered DOM must show the score chart with
 * data (flot draws the axes' tick labels from the data's range), and a screenshot goes to target/ui-overview.png.
 * .ci/run installs Chromium (Debian package chromium); where it is not installed this test is skipped.
 */
@Tag("slow")
class UiBrowserTest {
    @TempDir
    Path work;

    @Test
    @Timeout(240)
    void overviewPageRendersTheScoreChartWithData() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "Chromium is not installed (apt-get install chromium)");
        Path results = trained("browser", 5);

        int port = UiCommandTest.freePort();
        CompletableFuture<Lab> serving = UiCommandTest.serve(port, results.toString());
        try {
            String url = "http://127.0.0.1:" + port + "/train/overview";
            String dom = Chromium.run(work, List.of("--dump-dom", url));
            Path screenshot = Path.of("target", "ui-overview.png").toAbsolutePath();
            Files.createDirectories(screenshot.getParent());
            Files.deleteIfExists(screenshot);
            Chromium.run(work, List.of("--screenshot=" + screenshot, "--window-size=1400,1000", url));
            assertNotNull(ImageIO.read(screenshot.toFile()), "screenshot written");

            var notice = Chromium.evaluate(work, url, 1400, 900, WAITING_NOTICE);
            assertTrue(notice.get("present").asBoolean() && !notice.get("visible").asBoolean(),
                    "a stored run has its report: no waiting notice: " + notice);

            int chart = dom.indexOf("id=\"scoreiterchart\"");
            assertTrue(chart >= 0, "overview page has the score chart");
            String scoreChart = dom.substring(chart + 1);
            assertTrue(scoreChart.contains("class=\"flot-base\""), "flot drew the chart");
            List<Double> iterationTicks = ticks(scoreChart, "flot-x-axis");
            List<Double> scoreTicks = ticks(scoreChart, "flot-y-axis");
            assertTrue(iterationTicks.size() >= 2 && scoreTicks.size() >= 2, "axes are labelled: " + iterationTicks + " " + scoreTicks);
            assertTrue(iterationTicks.get(iterationTicks.size() - 1) >= 10,
                    "the x axis spans the run's iterations (an empty chart spans -1..1): " + iterationTicks);
        } finally {
            UiOptions.stopServing();
            serving.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The overview's waiting notice once its first look at the overview data has been answered (its data-state is set):
     * whether it is there, shown, and its text.
     */
    private static final String WAITING_NOTICE = """
            (() => {
              const notice = document.getElementById("lab-waiting");
              if (document.readyState !== "complete" || (notice && !notice.dataset.state) || (!notice && performance.now() < 5000)) return null;
              return {present: !!notice, visible: !!notice && !notice.hidden && notice.offsetHeight > 0,
                      text: notice ? notice.textContent : ""};
            })()""";

    /**
     * Issue 26: the live overview page (lab train --ui) was blank while the data loaded. A UI whose live storage has
     * had no report yet, as while the data loads, says it is waiting.
     */
    @Test
    @Timeout(180)
    void liveOverviewSaysItIsWaitingUntilTheFirstReport() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "Chromium is not installed (apt-get install chromium)");
        int port = UiCommandTest.freePort();
        try (dev.dl4jlab.ui.UiServer server = dev.dl4jlab.ui.UiServer.start("127.0.0.1", port)) {
            server.attach(new org.deeplearning4j.ui.model.storage.InMemoryStatsStorage());
            var notice = Chromium.evaluate(work, server.url(), 1400, 900, WAITING_NOTICE);
            assertTrue(notice.get("visible").asBoolean(), "the notice is shown: " + notice);
            assertEquals("waiting for training's first report: loading data…", notice.get("text").asText());
        }
    }

    /**
     * Issue 26: the runs page needed horizontal scrolling in a 1400 px window and glued its two links into "DL4J
     * sessionsweep". Measured in the laid-out page: nothing wider than the window, and the links of a candidate's row
     * apart by a few pixels (side by side or one above the other).
     */
    @Test
    @Timeout(300)
    void runsPageFitsA1400PixelWindowWithItsLinksApart() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "Chromium is not installed (apt-get install chromium)");
        Path results = trained("mnist-softmax-wide-layout", 2);
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"flowers-multiclass-lr-epochs-momentum\", \"base\": \"run.json\", "
                + "\"search\": {\"learningRate\": {\"values\": [0.05, 0.5]}}}");
        Lab swept = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, swept.code(), swept.err());

        int port = UiCommandTest.freePort();
        CompletableFuture<Lab> serving = UiCommandTest.serve(port, results.toString());
        try {
            String url = "http://127.0.0.1:" + port + "/lab/runs";
            var page = Chromium.evaluate(work, url, 1400, 900, """
                    (() => {
                      const rows = document.querySelectorAll("#body tr");
                      if (rows.length < 4) return null;
                      let gap = Infinity, pairs = 0;
                      for (const row of rows) {
                        const links = row.lastElementChild.querySelectorAll("a");
                        if (links.length < 2) continue;
                        const a = links[0].getBoundingClientRect(), b = links[1].getBoundingClientRect();
                        gap = Math.min(gap, Math.max(b.left - a.right, b.top - a.bottom));
                        pairs++;
                      }
                      const root = document.documentElement;
                      return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, rows: rows.length, pairs, gap};
                    })()""");
            assertTrue(page.get("scrollWidth").asInt() <= page.get("clientWidth").asInt(), "no horizontal scrolling at 1400 px: " + page);
            assertTrue(page.get("pairs").asInt() >= 2, "the candidates' rows have both links: " + page);
            assertTrue(page.get("gap").asDouble() >= 4, "the two links stand apart: " + page);
            Path screenshot = Path.of("target", "ui-runs.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            Chromium.run(work, List.of("--screenshot=" + screenshot, "--window-size=1400,900", url));
            assertNotNull(ImageIO.read(screenshot.toFile()), "screenshot written");
        } finally {
            UiOptions.stopServing();
            serving.get(60, TimeUnit.SECONDS);
        }
    }

    /** Trains run.json (named {@code name}) on a generated IDX dataset into work/results; returns that folder. */
    private Path trained(String name, int epochs) throws java.io.IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 60, false, 8);
        Path config = work.resolve("run.json");
        Files.writeString(config, IdxFixtures.config(data, name, "{}", "{\"epochs\": " + epochs + ", \"optimizer\": {\"learningRate\": 0.2}}"));
        Path results = work.resolve("results");
        assertEquals(0, Lab.run("train", config.toString(), "--results", results.toString()).code());
        return results;
    }

    /** The numeric tick labels of one axis of the chart, in order: from the axis' div to the next axis or element id. */
    private static List<Double> ticks(String chartHtml, String axisClass) {
        int axis = chartHtml.indexOf(axisClass);
        if (axis < 0) {
            return List.of();
        }
        int end = chartHtml.length();
        for (String next : List.of("flot-x-axis", "flot-y-axis", " id=\"")) {
            int at = chartHtml.indexOf(next, axis + axisClass.length());
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        List<Double> values = new ArrayList<>();
        Matcher m = Pattern.compile("tickLabel\"[^>]*>([-0-9.,]+)<").matcher(chartHtml.substring(axis, end));
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1).replace(",", "")));
        }
        return values;
    }
}
