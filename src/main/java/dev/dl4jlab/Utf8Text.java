package dev.dl4jlab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text files (configs, CSV tables) read as UTF-8 exactly. A UTF-8 byte-order mark (Windows editors write one) is
 * dropped; any other encoding is refused in one line saying what the file looks like, never decoded with replacement
 * characters (two Latin-1 labels such as "café" and "cafè" would otherwise become one class) and never with the
 * decoder's bare "Input length = 1".
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** @param kind what the file is, for messages: "config file", "CSV file" */
    public static String read(Path file, String kind) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such " + kind);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return decode(bytes, file.toString(), kind);
    }

    /** @param source names the text in the error */
    public static String decode(byte[] bytes, String source, String kind) {
        String bom = utf16Or32Bom(bytes);
        if (bom != null) {
            throw notUtf8(source, kind, "it starts with a " + bom + " byte-order mark");
        }
        if (mostlyZeros(bytes)) {   // plain ASCII as UTF-16 is valid UTF-8 (NULs), so look before decoding
            throw notUtf8(source, kind, "it looks like UTF-16 (every other byte is zero)");
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(source, kind, looksLike(bytes, start));
        }
    }

    private static UserError notUtf8(String source, String kind, String why) {
        return new UserError(source + ": a " + kind + " must be UTF-8 text; " + why + " (save it as UTF-8)");
    }

    private static String utf16Or32Bom(byte[] b) {
        if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32 (little-endian)";
        }
        if (startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return "UTF-32 (big-endian)";
        }
        if (startsWith(b, 0xFF, 0xFE)) {
            return "UTF-16 (little-endian)";
        }
        if (startsWith(b, 0xFE, 0xFF)) {
            return "UTF-16 (big-endian)";
        }
        return null;
    }

    private static boolean mostlyZeros(byte[] bytes) {
        long zeros = 0;
        for (byte b : bytes) {
            if (b == 0) {
                zeros++;
            }
        }
        return bytes.length > 0 && zeros * 4 >= bytes.length;
    }

    /** Where the first byte that is not UTF-8 is: a one-byte code page such as Latin-1, as configs are otherwise JSON. */
    private static String looksLike(byte[] bytes, int start) {
        int line = 1;
        for (int i = start; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                line++;
            }
            if (b >= 0x80 && !validSequenceAt(bytes, i)) {
                return String.format(Locale.ROOT, "byte 0x%02X on line %d is not UTF-8 (it looks like Latin-1 or Windows-1252)", b, line);
            }
            if (b >= 0x80) {
                i += sequenceLength(b) - 1;
            }
        }
        return "it is not valid UTF-8";
    }

    private static boolean validSequenceAt(byte[] bytes, int i) {
        int length = sequenceLength(bytes[i] & 0xFF);
        if (length < 2 || i + length > bytes.length) {
            return false;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 1;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
