package io.danube.connect.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JSON path of object keys and array indexes, {@code $.reading.values[0]}; a bare key means {@code $.key}. */
public record FieldPath(String text, JsonPointer pointer) {

    private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+)]");

    public static FieldPath parse(String key, String text) {
        ConfigException.requireText(key, text);
        String path = text.startsWith("$") ? text.substring(1) : "." + text;
        StringBuilder pointer = new StringBuilder();
        Matcher matcher = SEGMENT.matcher(path);
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            String segment = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            end = matcher.end();
        }
        if (end != path.length() || pointer.isEmpty()) {
            throw new ConfigException(key, "'" + text + "' is not a JSON path like $.field or $.a.b[0]");
        }
        return new FieldPath(text, JsonPointer.compile(pointer.toString()));
    }

    /** The value at this path, or null when it is absent. */
    public JsonNode read(JsonNode document) {
        JsonNode value = document.at(pointer);
        return value.isMissingNode() ? null : value;
    }
}
