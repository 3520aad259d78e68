package io.danube.connect.delta.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.config.FieldPath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Columns from a registry JSON Schema's top-level {@code properties}: {@code integer} → long, {@code number} → double,
 * {@code boolean} → boolean, {@code string} → string (or timestamp / date for {@code format: date-time} / {@code date}),
 * anything else → string holding the JSON text. Properties listed in {@code required} are not nullable.
 */
public final class JsonSchemaColumns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemaColumns() {
    }

    /** The columns, or empty when {@code definition} is not an object schema with properties. */
    public static Optional<List<ColumnSpec>> from(String definition) {
        JsonNode schema;
        try {
            schema = JSON.readTree(definition);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (schema == null || !schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
            return Optional.empty();
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<ColumnSpec> columns = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            columns.add(new ColumnSpec(name, ColumnType.parse("schema property " + name, typeName(property.getValue())),
                    FieldPath.parse("schema property " + name, "$." + name), !required.contains(name)));
        }
        return Optional.of(columns);
    }

    private static String typeName(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            for (JsonNode candidate : type) {
                if (!candidate.asText().equals("null")) {
                    type = candidate;
                    break;
                }
            }
        }
        String format = property.path("format").asText("");
        return switch (type.asText("")) {
            case "integer" -> "long";
            case "number" -> "double";
            case "boolean" -> "boolean";
            case "string" -> format.equals("date-time") ? "timestamp" : format.equals("date") ? "date" : "string";
            default -> "string";
        };
    }
}
