package io.danube.connect.runtime.source;

import io.danube.client.DanubeClient;
import io.danube.client.schema.CompatibilityResult;
import io.danube.client.schema.RegisteredSchema;
import io.danube.client.schema.SchemaRegistryClient;
import io.danube.client.schema.SchemaType;
import io.danube.client.schema.SubjectSummary;
import io.danube.connect.api.FatalException;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.SchemaMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the {@code [[schemas]]} entries before a source starts: with {@code auto_register}, a missing subject is
 * registered, and a changed schema file is checked for compatibility with the subject's latest version and
 * registered as a new version (an incompatible file fails the start naming it); without it, the subject must exist.
 * The producer of each entry's topic then stamps the version its {@code version_strategy} selects.
 */
final class SchemaRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistration.class);

    private final ConnectorConfig config;

    SchemaRegistration(ConnectorConfig config) {
        this.config = config;
    }

    /** Registers what is needed and returns the entries by topic. */
    Map<String, SchemaMapping> registerAll() {
        List<SchemaMapping> schemas = config.schemas();
        if (schemas.isEmpty()) {
            return Map.of();
        }
        Map<String, SchemaMapping> byTopic = new HashMap<>();
        try (DanubeClient client = DanubeClient.builder().serviceUrl(config.danubeServiceUrl()).build()) {
            SchemaRegistryClient registry = client.schemaRegistry();
            Set<String> subjects = registry.listSubjects().stream().map(SubjectSummary::subject)
                    .collect(Collectors.toSet());
            for (int i = 0; i < schemas.size(); i++) {
                SchemaMapping mapping = schemas.get(i);
                register(registry, subjects.contains(mapping.subject()), mapping, "schemas[" + i + "]");
                byTopic.put(mapping.topic(), mapping);
            }
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FatalException("Schema registration against " + config.danubeServiceUrl() + " failed: "
                                     + e.getMessage(), e);
        }
        return byTopic;
    }

    private void register(SchemaRegistryClient registry, boolean exists, SchemaMapping mapping, String key) {
        SchemaType type = schemaType(mapping.schemaType());
        String definition = mapping.file().map(file -> read(file, key)).orElse("");
        if (!mapping.autoRegister()) {
            if (!exists) {
                throw new ConfigException(key + ".subject", "subject '" + mapping.subject()
                                                            + "' is not registered and auto_register is false");
            }
            return;
        }
        if (exists && mapping.file().isPresent()) {
            CompatibilityResult compatibility = registry.checkCompatibility(mapping.subject(), type, definition, null);
            if (!compatibility.compatible()) {
                throw new ConfigException(key + ".schema_file", "not compatible with the latest version of subject '"
                                                                + mapping.subject() + "': " + compatibility.errors());
            }
        }
        if (!exists || mapping.file().isPresent()) {
            RegisteredSchema registered = registry.register(mapping.subject(), type, definition);
            LOG.info("Schema subject {} at version {} ({})", mapping.subject(), registered.version(),
                    registered.newVersion() ? "registered" : "unchanged");
        }
    }

    private String read(String reference, String key) {
        Path file = config.paths().resolve(key + ".schema_file", reference);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(key + ".schema_file", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static SchemaType schemaType(String name) {
        return switch (name) {
            case "json", "json_schema" -> SchemaType.JSON_SCHEMA;
            case "avro" -> SchemaType.AVRO;
            case "protobuf" -> SchemaType.PROTOBUF;
            case "string" -> SchemaType.STRING;
            case "number" -> SchemaType.NUMBER;
            default -> SchemaType.BYTES;
        };
    }
}
