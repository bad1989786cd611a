package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class DataCommandTest {
    @TempDir
    Path work;

    @Test
    void previewWritesAGridOfLabelledSamples() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 10, false, 4);
        Path config = work.resolve("c.json");
        Files.writeString(config, IdxFixtures.config(data, "p", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path png = work.resolve("preview.png");
        Lab lab = Lab.run("data", "preview", config.toString(), "--count", "12", "--out", png.toString());
        assertEquals(0, lab.code(), lab.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 10 * 56 && image.getHeight() > 2 * 56, image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void schemaCommandPrintsThePublishedSchema() throws IOException {
        Lab lab = Lab.run("schema");
        assertEquals(0, lab.code());
        assertEquals(Files.readString(Path.of("configs/schema.json")).strip(), lab.out().strip());
    }
}
