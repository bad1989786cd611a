package dev.dl4jlab.data.flowers;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.FlowersFixtures;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("fast")
class Flowers102MetaTest {
    @TempDir
    Path dir;

    private Flowers102Meta read() {
        return Flowers102Meta.read(dir.resolve("imagelabels.mat"), dir.resolve("setid.mat"));
    }

    @Test
    void readsLabelsAsZeroBasedClassesAndTheThreeSplits() throws IOException {
        FlowersFixtures.writeMat(dir.resolve("imagelabels.mat"), List.of("labels"), List.of(new int[]{1, 102, 5, 1}));
        FlowersFixtures.writeMat(dir.resolve("setid.mat"), List.of("trnid", "valid", "tstid"),
                List.of(new int[]{2, 4}, new int[]{1}, new int[]{3}));
        Flowers102Meta meta = read();
        assertArrayEquals(new int[]{0, 101, 4, 0}, meta.classOfImage());
        assertArrayEquals(new int[]{2, 4}, meta.ids("train"));
        assertArrayEquals(new int[]{1}, meta.ids("valid"));
        assertArrayEquals(new int[]{3}, meta.ids("test"));
    }

    @Test
    void wrongVariablesIdsAndLabelsAreNamed() throws IOException {
        Path labels = dir.resolve("imagelabels.mat");
        Path setid = dir.resolve("setid.mat");
        FlowersFixtures.writeMat(labels, List.of("labels"), List.of(new int[]{1, 2, 3}));
        FlowersFixtures.writeMat(setid, List.of("train", "valid", "tstid"), List.of(new int[]{1}, new int[]{2}, new int[]{3}));
        assertEquals(setid + ": has no variable 'trnid' (has: train, valid, tstid)", assertThrows(UserError.class, this::read).getMessage());

        FlowersFixtures.writeMat(setid, List.of("trnid", "valid", "tstid"), List.of(new int[]{1}, new int[]{2, 9}, new int[]{3}));
        assertEquals(setid + ": valid(2) = 9 is not an image id (1..3, the images imagelabels.mat labels)",
                assertThrows(UserError.class, this::read).getMessage());

        FlowersFixtures.writeMat(labels, List.of("labels"), List.of(new int[]{1, 103, 3}));
        assertEquals(labels + ": labels(2) = 103 is outside 1..102 (class 102 is outside 0..101)",
                assertThrows(UserError.class, this::read).getMessage());

        Files.writeString(labels, "not a mat file at all, but long enough to have a header of sorts.............."
                + ".".repeat(200));
        UserError e = assertThrows(UserError.class, this::read);
        assertEquals(labels + ": not a readable MATLAB v5 .mat file", e.getMessage().substring(0, e.getMessage().indexOf(':', labels.toString().length() + 2)));

        Files.delete(labels);
        assertEquals(labels + ": missing", assertThrows(UserError.class, this::read).getMessage());
    }
}
