package dev.dl4jlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.SweepConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings a sweep started with, kept beside {@code sweep.json} (which people read, and may edit): {@code --resume}
 * refuses a {@code sweep.json} changed since, because finished candidates of the old grid, base config or epoch counts
 * would be mixed with new ones in one journal and one ranking.
 */
final class StartedSettings {
    static final String FILE = ".sweep-started.json";
    /** Where candidates run changes no result: a sweep may be resumed on another Spark master. */
    private static final Set<String> FREE = Set.of("spark");
    private static final int SHOWN = 3;

    private StartedSettings() {
    }

    static void keep(Path folder, SweepConfig sweep) throws IOException {
        Files.writeString(folder.resolve(FILE), Json.text(sweep));
    }

    /** @throws UserError naming what changed, when {@code now} (read from sweep.json) differs from the start */
    static void requireUnchanged(Path folder, SweepConfig now) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;   // a sweep folder from before these were kept: nothing to compare with
        }
        JsonNode started;
        try {
            started = Json.MAPPER.valueToTree(Json.MAPPER.readValue(file.toFile(), SweepConfig.class));
        } catch (IOException e) {
            throw new UserError(file + ": unreadable: " + Json.problem(e));
        }
        List<String> changes = new ArrayList<>();
        compare(started, Json.MAPPER.valueToTree(now), "", changes);
        if (changes.isEmpty()) {
            return;
        }
        String shown = String.join(", ", changes.subList(0, Math.min(SHOWN, changes.size())))
                + (changes.size() > SHOWN ? " and " + (changes.size() - SHOWN) + " more" : "");
        throw new UserError(folder.resolve(SweepFolder.CONFIG) + ": changed since the sweep started: " + shown
                + "; a resumed sweep keeps the settings its finished candidates were trained with: undo the edit, "
                + "or start a new sweep (lab sweep CONFIG)");
    }

    /** Adds {@code path (was -> now)} for every leaf that differs; lists are compared whole. */
    private static void compare(JsonNode was, JsonNode now, String path, List<String> changes) {
        if (was != null && now != null && was.isObject() && now.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            was.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!(path.isEmpty() && FREE.contains(name))) {
                    compare(was.get(name), now.get(name), at, changes);
                }
            }
            return;
        }
        if (!text(was).equals(text(now))) {
            changes.add(path + " (" + text(was) + " -> " + text(now) + ")");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "none" : node.toString().replace(",", ", ");
    }
}
