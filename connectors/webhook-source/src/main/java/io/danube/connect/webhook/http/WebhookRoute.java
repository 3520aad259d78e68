package io.danube.connect.webhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.webhook.config.RouteSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A configured route with its JSON Schema loaded. */
public record WebhookRoute(RouteSettings settings, JsonSchema schema) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param index the route's position, for error messages naming {@code routes[i].schema_file} */
    public static WebhookRoute of(RouteSettings settings, int index) {
        if (settings.schemaFile() == null) {
            return new WebhookRoute(settings, null);
        }
        String key = "routes[" + index + "].schema_file";
        try {
            JsonNode schema = JSON.readTree(Files.readString(Path.of(settings.schemaFile())));
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(schema, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            return new WebhookRoute(settings, JsonSchemaFactory.getInstance(version).getSchema(schema));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key, "cannot load the JSON Schema " + settings.schemaFile() + ": "
                                           + e.getMessage(), e);
        }
    }

    /** Whether the body must be JSON: required explicitly or by a schema. */
    public boolean requiresJson() {
        return settings.requireJson() || schema != null;
    }

    public Optional<JsonSchema> jsonSchema() {
        return Optional.ofNullable(schema);
    }
}
