package dev.dl4jlab;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one folder-name format for moments (runs, sweeps, bench reports): UTC, sortable, e.g. 20261123-111325. */
public final class Timestamps {
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String folderName(Instant when) {
        return FOLDER.format(when);
    }
}
