package io.danube.embedded.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema evolution rules of the real registry, looking only at the top-level {@code properties} and
 * {@code required}: backward fails when a required property disappears or an existing optional property becomes
 * required; forward fails when a required property is added that did not exist; both fail when a shared
 * property's {@code type} changes.
 */
final class JsonSchemaCompatibility {

    private JsonSchemaCompatibility() {
    }

    static CompatibilityResult check(String oldRaw, String newRaw, CompatibilityMode mode) {
        JsonNode oldSchema = JsonSchemas.parseJson(oldRaw, "stored JSON schema");
        JsonNode newSchema = JsonSchemas.parseJson(newRaw, "new JSON schema");
        return switch (mode) {
            case NONE -> CompatibilityResult.ok();
            case BACKWARD -> backward(oldSchema, newSchema);
            case FORWARD -> forward(oldSchema, newSchema);
            case FULL -> {
                CompatibilityResult backward = backward(oldSchema, newSchema);
                yield backward.compatible() ? forward(oldSchema, newSchema) : backward;
            }
        };
    }

    private static CompatibilityResult backward(JsonNode oldSchema, JsonNode newSchema) {
        List<String> errors = new ArrayList<>();
        JsonNode oldProperties = oldSchema.path("properties");
        JsonNode newProperties = newSchema.path("properties");
        Set<String> oldRequired = required(oldSchema);
        for (String name : oldRequired) {
            if (!hasProperty(newProperties, name)) {
                errors.add("Backward incompatible: removed required field '" + name + "'");
            }
        }
        for (String name : required(newSchema)) {
            if (hasProperty(oldProperties, name) && !oldRequired.contains(name)) {
                errors.add("Backward incompatible: made optional field '" + name + "' required");
            }
        }
        addTypeChanges("Backward", oldProperties, newProperties, errors);
        return CompatibilityResult.of(errors);
    }

    private static CompatibilityResult forward(JsonNode oldSchema, JsonNode newSchema) {
        List<String> errors = new ArrayList<>();
        JsonNode oldProperties = oldSchema.path("properties");
        JsonNode newProperties = newSchema.path("properties");
        for (String name : required(newSchema)) {
            if (!hasProperty(oldProperties, name)) {
                errors.add("Forward incompatible: added new required field '" + name + "'");
            }
        }
        addTypeChanges("Forward", oldProperties, newProperties, errors);
        return CompatibilityResult.of(errors);
    }

    private static void addTypeChanges(String direction, JsonNode oldProperties, JsonNode newProperties,
                                       List<String> errors) {
        if (!oldProperties.isObject() || !newProperties.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : oldProperties.properties()) {
            JsonNode replacement = newProperties.get(property.getKey());
            if (replacement == null) {
                continue;
            }
            JsonNode oldType = property.getValue().get("type");
            JsonNode newType = replacement.get("type");
            if (oldType != null && newType != null && !oldType.equals(newType)) {
                errors.add(direction + " incompatible: changed type of field '" + property.getKey() + "' from "
                        + oldType + " to " + newType);
            }
        }
    }

    private static boolean hasProperty(JsonNode properties, String name) {
        return properties.isObject() && properties.has(name);
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        JsonNode required = schema.path("required");
        if (required.isArray()) {
            required.forEach(entry -> {
                if (entry.isTextual()) {
                    names.add(entry.asText());
                }
            });
        }
        return names;
    }
}
