package io.danube.client.schema;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Unwraps the broker's JSON form of a stored schema ({@code "Bytes"}, {@code "String"}, {@code "Number"},
 * {@code {"Avro":{"raw_schema":…}}}, {@code {"JsonSchema":{"raw_schema":…}}}, {@code {"Protobuf":{"raw_proto":…}}})
 * into the definition text that was registered.
 */
public final class SchemaEnvelope {

    private SchemaEnvelope() {
    }

    /**
     * The registered definition inside {@code envelope}; empty for the definition-less types Bytes, String and
     * Number. Bytes that are not an envelope (e.g. from a broker that returns the raw definition) are returned as-is.
     */
    public static String unwrap(byte[] envelope) {
        String text = new String(envelope, StandardCharsets.UTF_8);
        Object parsed;
        try {
            parsed = JsonReader.parse(text);
        } catch (IllegalArgumentException notJson) {
            return text;
        }
        if (parsed instanceof String) {
            return "";
        }
        if (parsed instanceof Map<?, ?> outer && outer.size() == 1) {
            Object inner = outer.values().iterator().next();
            if (inner instanceof Map<?, ?> fields) {
                Object raw = fields.containsKey("raw_schema") ? fields.get("raw_schema") : fields.get("raw_proto");
                if (raw instanceof String definition) {
                    return definition;
                }
            }
        }
        return text;
    }
}
