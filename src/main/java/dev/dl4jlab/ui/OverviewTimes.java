package dev.dl4jlab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.Json;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.api.StatsReport;

import java.lang.reflect.Field;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * DL4J M2.1's overview data leaves "Start Time" and "Total Runtime" empty for every session (its TrainModule never fills
 * those two cells). This fills them from the session's own statistics, as DL4J recorded them: the start is the time of
 * its first (initialisation) report, the runtime the total its latest report gives.
 */
final class OverviewTimes {
    private static final String TYPE = "StatsListener";

    private OverviewTimes() {
    }

    /** Whether a request is for overview data: {@code /train/overview/data} or {@code /train/<session>/overview/data}. */
    static boolean isOverviewData(String path) {
        return path != null && path.startsWith("/train/") && path.endsWith("/overview/data");
    }

    /** The overview JSON with the two cells filled; unchanged when the session or its reports cannot be found. */
    static String fill(VertxUIServer server, String path, String json) {
        try {
            String session = path.equals("/train/overview/data") ? currentSession(server)
                    : path.substring("/train/".length(), path.length() - "/overview/data".length());
            if (session == null) {
                return json;
            }
            for (StatsStorage storage : server.getStatsStorageInstances()) {
                if (!storage.listSessionIDs().contains(session)) {
                    continue;
                }
                List<String> workers = storage.listWorkerIDsForSessionAndType(session, TYPE);
                if (workers.isEmpty()) {
                    return json;
                }
                Persistable init = storage.getStaticInfo(session, TYPE, workers.get(0));
                Persistable latest = storage.getLatestUpdate(session, TYPE, workers.get(0));
                if (init == null || !(latest instanceof StatsReport report)) {
                    return json;
                }
                JsonNode root = Json.MAPPER.readTree(json);
                ArrayNode perf = (ArrayNode) root.get("perf");
                ((ArrayNode) perf.get(0)).set(1, Json.MAPPER.getNodeFactory().textNode(
                        new SimpleDateFormat("yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(new Date(init.getTimeStamp()))));
                ((ArrayNode) perf.get(1)).set(1, Json.MAPPER.getNodeFactory().textNode(duration(report.getTotalRuntimeMs())));
                return Json.MAPPER.writeValueAsString((ObjectNode) root);
            }
        } catch (Exception unexpected) {
            return json;   // the page shows DL4J's own (empty) cells rather than failing
        }
        return json;
    }

    static String duration(long millis) {
        long seconds = millis / 1000;
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, seconds >= 10 ? "%.1f s" : "%.2f s", millis / 1000.0);
    }

    /** The session the overview shows: DL4J keeps it in its train module's private field. */
    private static String currentSession(VertxUIServer server) throws ReflectiveOperationException {
        Field modules = VertxUIServer.class.getDeclaredField("uiModules");
        modules.setAccessible(true);
        for (Object module : (List<?>) modules.get(server)) {
            if (module.getClass().getSimpleName().equals("TrainModule")) {
                Field current = module.getClass().getDeclaredField("currentSessionID");
                current.setAccessible(true);
                return (String) current.get(module);
            }
        }
        return null;
    }
}
