package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10 (12): a full disk is the user's environment: a user error naming the path, not an internal one. */
@Tag("fast")
class MainTest {
    /** Issue 24: the commands that train or evaluate start loading the backend while they read their config; help does not. */
    @Test
    void commandsThatTrainOrEvaluateLoadTheBackendEarly() {
        for (String[] args : new String[][]{{"train", "c.json"}, {"--verbose", "sweep", "s.json"}, {"eval", "r"}, {"predict", "r", "x.csv"},
                {"export", "r"}, {"serve", "r"}, {"bench", "--smoke"}}) {
            assertTrue(Main.loadsTheBackend(args), String.join(" ", args));
        }
        for (String[] args : new String[][]{{}, {"--version"}, {"train", "--help"}, {"sweep", "-h"}, {"compare", "results"},
                {"schema"}, {"data", "list"}, {"ui"}, {"help", "train"}}) {
            assertFalse(Main.loadsTheBackend(args), String.join(" ", args));
        }
    }

    @Test
    void aFullDiskIsAUserErrorNamingThePath() {
        UserError e = Main.userError(new UncheckedIOException(new FileSystemException("/data/results/run/model.zip", null,
                "No space left on device")));
        assertEquals("/data/results/run/model.zip: no space left on device; free some space or write somewhere else", e.getMessage());
        UserError quota = Main.userError(new IllegalStateException(new UncheckedIOException("/r/metrics.json: Disk quota exceeded",
                new IOException("Disk quota exceeded"))));
        assertEquals("/r/metrics.json: disk quota exceeded; free some space or write somewhere else",
                quota.getMessage());
    }

    @Test
    void otherIoFailuresStayInternal() {
        assertNull(Main.userError(new UncheckedIOException(new IOException("Input/output error"))));
    }
}
