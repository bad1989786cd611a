package dev.dl4jlab.serve;

import dev.dl4jlab.data.PredictionInputs;
import dev.dl4jlab.data.Signature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code POST /predict} body read into the examples {@code lab predict} would build from the same values, and how
 * many classes to answer per example. A CSV run takes {@code {"rows": [{"<column>": value, ...}], "top": k}}; an image
 * run a raw JPEG or PNG body (top from {@code ?top=k}) or {@code {"images": ["<base64>", ...], "top": k}}. Every refusal
 * is an {@link HttpError} naming the field, row or column.
 */
record PredictRequest(PredictionInputs examples, int top) {
    static final String JSON = "application/json";
    private static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png");

    static PredictRequest read(ServedModel model, String contentType, byte[] body, String query) {
        Signature signature = model.signature();
        boolean table = signature.table() != null;
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.equals(JSON)) {
            return json(model, body, table);
        }
        if (!table && IMAGE_TYPES.contains(media)) {
            return new PredictRequest(decode(model, List.of("body"), List.of(body)), top(model, queryTop(query)));
        }
        throw new HttpError(415, "Content-Type " + (media.isEmpty() ? "missing" : media) + ": this model (" + signature.describe()
                + ") takes " + (table ? JSON + " {\"rows\": [{\"<column>\": value, ...}], \"top\": k}"
                : "image/jpeg or image/png bodies, or " + JSON + " {\"images\": [\"<base64>\", ...], \"top\": k}"));
    }

    private static PredictRequest json(ServedModel model, byte[] body, boolean table) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse("").replaceFirst(": enable `.*", "")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new HttpError(400, "unreadable body: " + e.getMessage());
        }
        String field = table ? "rows" : "images";
        String shape = table ? "{\"rows\": [{\"<column>\": value, ...}], \"top\": k}" : "{\"images\": [\"<base64>\", ...], \"top\": k}";
        if (request == null || request.isMissingNode() || !request.isObject()) {
            throw new HttpError(400, "the body must be a JSON object " + shape + ", got " + (request == null || request.isMissingNode()
                    ? "nothing" : request.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(field) && !name.equals("top")) {
                throw new HttpError(400, name.equals(table ? "images" : "rows")
                        ? name + ": this model takes " + model.signature().describe() + "; send " + shape
                        : "unknown field \"" + name + "\"; a request is " + shape);
            }
        }
        JsonNode items = request.get(field);
        if (items == null || !items.isArray()) {
            throw new HttpError(400, field + ": " + (items == null ? "missing" : "not an array") + "; send " + shape);
        }
        if (items.isEmpty()) {
            throw new HttpError(400, field + ": empty; give at least one " + (table ? "row" : "image"));
        }
        int top = top(model, request.get("top"));
        return new PredictRequest(table ? rows(model, items) : decode(model, names(items), base64(items)), top);
    }

    private static PredictionInputs rows(ServedModel model, JsonNode items) {
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new HttpError(400, "rows[" + i + "]: not an object of column → value, got " + item);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            item.fields().forEachRemaining(e -> row.put(e.getKey(), value(e.getValue())));
            rows.add(row);
        }
        try {
            return PredictionInputs.rows(model.signature(), rows);
        } catch (UserError e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** A JSON value as a CSV cell would hold it: a number, a string; anything else stays itself (and is refused). */
    private static Object value(JsonNode node) {
        return node.isNumber() ? node.numberValue() : node.isTextual() ? node.textValue() : node;
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            names.add("images[" + i + "]");
        }
        return names;
    }

    private static List<byte[]> base64(JsonNode items) {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual()) {
                throw new HttpError(400, "images[" + i + "]: not a base64 string, got " + item.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            String text = item.textValue();
            if (text.startsWith("data:") && text.contains(";base64,")) {
                text = text.substring(text.indexOf(";base64,") + 8);   // a data: URL, as browsers make them
            }
            try {
                images.add(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "images[" + i + "]: not base64 (" + e.getMessage() + ")");
            }
        }
        return images;
    }

    private static PredictionInputs decode(ServedModel model, List<String> names, List<byte[]> images) {
        try {
            return PredictionInputs.images(model.signature(), names, images, model.maxImagePixels());
        } catch (UserError e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    private static JsonNode queryTop(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("top=")) {
                String value = pair.substring(4);
                return value.matches("\\d{1,9}") ? Json.MAPPER.getNodeFactory().numberNode(Integer.parseInt(value))
                        : Json.MAPPER.getNodeFactory().textNode(value);
            }
        }
        return null;
    }

    private static int top(ServedModel model, JsonNode top) {
        int classes = model.signature().classes().size();
        if (top == null) {
            return model.defaultTop();
        }
        if (!top.isIntegralNumber() || !top.canConvertToInt() || top.intValue() < 1 || top.intValue() > classes) {
            throw new HttpError(400, "top must be 1 to " + classes + " (the model's classes), got " + top);
        }
        return top.intValue();
    }
}
