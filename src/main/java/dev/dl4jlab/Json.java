package dev.dl4jlab;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one JSON mapper of the project: duplicate keys, unknown properties and anything after the JSON value are errors
 * (a typo or a pasted fragment in a config or a stored file must not pass silently), and what is written is indented
 * for people to read.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One value per line, for journals (JSON Lines). */
    public static final ObjectWriter ONE_LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /**
     * Why a JSON file could not be read, on one line: Jackson's own message spans two (the reason, then its source
     * location), which breaks the one-line errors.
     */
    public static String problem(java.io.IOException e) {
        if (e instanceof JsonProcessingException json) {
            var where = json.getLocation();
            if (afterTheValue(json) && where != null && where.getLineNr() > 0) {
                // Jackson's words here (FAIL_ON_TRAILING_TOKENS, "expected ']' for root") name its settings, not the file's fault
                return "content after the JSON value at line " + where.getLineNr() + ", column " + where.getColumnNr()
                        + " (a file holds one JSON value; remove what follows it)";
            }
            return "not valid JSON" + (where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr() + ", column "
                    + where.getColumnNr()) + ": " + String.valueOf(json.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
        }
        return String.valueOf(e.getMessage());
    }

    /** Whether parsing failed on something after a complete top-level value (a second object, a stray brace). */
    private static boolean afterTheValue(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return true;
        }
        return e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                && parser.getParsingContext().inRoot() && parser.getParsingContext().getEntryCount() > 0;
    }

    /** Indented text with a final line break, as every JSON file the project writes. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes indented JSON; a failure names the file (a full disk must say where). */
    public static void write(Path file, Object value) {
        try {
            MAPPER.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
