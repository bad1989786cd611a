package dev.dl4jlab.config;

import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.UserError;
import dev.dl4jlab.data.DatasetRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 20 (7): a config saved as UTF-16 or Latin-1 failed with "cannot read config: Input length = 1". */
@Tag("fast")
class ConfigTextTest {
    @TempDir
    Path dir;

    private Path write(String name, String text, Charset charset, byte... prefix) throws IOException {
        Path file = dir.resolve(name);
        byte[] body = text.getBytes(charset);
        byte[] bytes = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(body, 0, bytes, prefix.length, body.length);
        Files.write(file, bytes);
        return file;
    }

    private String config(String name) {
        return IdxFixtures.config(dir.resolve("data"), name, "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}");
    }

    private static String error(Path file) {
        return assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file)).getMessage();
    }

    @Test
    void aUtf8ByteOrderMarkIsDropped() throws IOException {
        Path file = write("bom.json", config("bom"), StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertEquals("bom", DatasetRegistry.configReader().read(file).name());
    }

    @Test
    void utf16WithAByteOrderMarkIsNamed() throws IOException {
        Path little = write("le.json", config("le"), StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);
        assertEquals(little + ": a config file must be UTF-8 text; it starts with a UTF-16 (little-endian) byte-order mark (save it as UTF-8)",
                error(little));
        Path big = write("be.json", config("be"), StandardCharsets.UTF_16);   // Java's UTF-16 writes a big-endian mark
        assertEquals(big + ": a config file must be UTF-8 text; it starts with a UTF-16 (big-endian) byte-order mark (save it as UTF-8)",
                error(big));
    }

    @Test
    void utf16WithoutAMarkIsRecognised() throws IOException {
        Path file = write("plain16.json", config("ascii"), StandardCharsets.UTF_16LE);
        assertEquals(file + ": a config file must be UTF-8 text; it looks like UTF-16 (every other byte is zero) (save it as UTF-8)",
                error(file));
    }

    @Test
    void latin1IsNamedWithItsLine() throws IOException {
        Path file = write("latin1.json", "{\n  \"name\": \"caf\u00e9\"\n}\n", StandardCharsets.ISO_8859_1);
        assertEquals(file + ": a config file must be UTF-8 text; byte 0xE9 on line 2 is not UTF-8 (it looks like Latin-1 or "
                + "Windows-1252) (save it as UTF-8)", error(file));
    }

    @Test
    void sweepConfigsAreHeldToTheSameRule() throws IOException {
        Files.writeString(dir.resolve("base.json"), config("base"));
        Path sweep = write("s.json", "{\"name\": \"s\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.1]}}}",
                StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);
        assertEquals(sweep + ": a config file must be UTF-8 text; it starts with a UTF-16 (little-endian) byte-order mark (save it as UTF-8)",
                assertThrows(UserError.class, () -> DatasetRegistry.sweepConfigReader().read(sweep)).getMessage());
        Path withBom = write("bom-sweep.json", "{\"name\": \"s\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.1]}}}",
                StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertEquals("s", DatasetRegistry.sweepConfigReader().read(withBom).name());
    }
}
