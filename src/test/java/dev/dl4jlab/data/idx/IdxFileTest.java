package dev.dl4jlab.data.idx;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("fast")
class IdxFileTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedAlike() throws IOException {
        byte[] data = {0, 1, (byte) 255, 7, 8, 9};
        byte[] bytes = IdxFixtures.idx(new int[]{3, 2}, data);
        IdxFixtures.write(dir.resolve("plain"), bytes, false);
        IdxFixtures.write(dir.resolve("packed.gz"), bytes, true);
        for (String name : new String[]{"plain", "packed.gz"}) {
            IdxFile file = IdxFile.read(dir.resolve(name));
            assertArrayEquals(new int[]{3, 2}, file.dims());
            assertArrayEquals(data, file.data());
            assertEquals(255, file.unsigned(2));
            assertEquals(2, file.itemSize());
        }
    }

    @Test
    void truncatedFileIsAClearError() throws IOException {
        byte[] bytes = IdxFixtures.idx(new int[]{10, 28, 28}, new byte[10 * 28 * 28]);
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        UserError e = assertThrows(UserError.class, () -> IdxFile.read(file));
        assertEquals(file + ": truncated: header says 10×28×28 = 7840 bytes of data, file has 7740", e.getMessage());
    }

    @Test
    void trailingBytesAreAClearError() throws IOException {
        byte[] bytes = IdxFixtures.idx(new int[]{2}, new byte[3]);
        Path file = dir.resolve("labels");
        Files.write(file, bytes);
        assertEquals(file + ": has trailing bytes: header says 2 = 2 bytes of data, file has 3",
                assertThrows(UserError.class, () -> IdxFile.read(file)).getMessage());
    }

    @Test
    void wrongMagicTypeAndRankAreClearErrors() throws IOException {
        Path png = dir.resolve("image.png");
        Files.write(png, new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2});
        assertEquals(png + ": not an IDX file (expected magic 00 00 08 0n, got 89 50 4e 47)",
                assertThrows(UserError.class, () -> IdxFile.read(png)).getMessage());

        Path floats = dir.resolve("floats");
        Files.write(floats, new byte[]{0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        assertEquals(floats + ": IDX element type 0x0d is not supported; only unsigned bytes (0x08), as in MNIST",
                assertThrows(UserError.class, () -> IdxFile.read(floats)).getMessage());

        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals(empty + ": not an IDX file (expected magic 00 00 08 0n, got an empty file)",
                assertThrows(UserError.class, () -> IdxFile.read(empty)).getMessage());

        Path missing = dir.resolve("missing");
        assertEquals(missing + ": no such file", assertThrows(UserError.class, () -> IdxFile.read(missing)).getMessage());
    }

    @Test
    void corruptGzipIsAClearError() throws IOException {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.idx(new int[]{4}, new byte[4]));
        Path file = dir.resolve("labels.gz");
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        UserError e = assertThrows(UserError.class, () -> IdxFile.read(file));
        assertEquals(file + ": cannot read IDX file: Unexpected end of ZLIB input stream", e.getMessage());
    }
}
