package dev.dl4jlab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text files read as UTF-8 exactly: a byte that is not UTF-8 is a {@link UserError} naming the file, line and byte,
 * never a replacement character (two Latin-1 labels such as "café" and "cafè" would otherwise become one class). A UTF-8
 * byte-order mark is dropped; a UTF-16 or UTF-32 one is named.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** The text of {@code file}, without a leading UTF-8 byte-order mark. */
    public static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    /** {@code bytes} (the contents of {@code file}) as text; see {@link #read}. */
    public static String decode(Path file, byte[] bytes) {
        String utf16 = wideEncoding(bytes);
        if (utf16 != null) {
            throw new UserError(file + ": is " + utf16 + " (it starts with a " + utf16 + " byte-order mark); dl4j-lab reads "
                    + "UTF-8 only: save it as UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new UserError(file + ": holds NUL bytes (byte " + i + "), so it is not UTF-8 text (UTF-16 without a "
                        + "byte-order mark?); dl4j-lab reads UTF-8 only: save it as UTF-8");
            }
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new UserError(String.format(Locale.ROOT, "%s: line %d is not UTF-8 (byte 0x%02X at byte %d of the line%s); "
                            + "dl4j-lab reads UTF-8 only: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)", file, line,
                    bytes[at] & 0xff, at - lineStart + 1, looksLatin1(bytes[at]) ? ", a Latin-1 or Windows-1252 letter?" : ""));
        }
        out.flip();
        return out.toString();
    }

    private static String wideEncoding(byte[] b) {
        if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0
                || b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
            return "UTF-32";
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) {
            return "UTF-16";
        }
        return null;
    }

    private static boolean looksLatin1(byte b) {
        return (b & 0xff) >= 0xC0;
    }
}
