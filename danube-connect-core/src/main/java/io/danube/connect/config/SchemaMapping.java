package io.danube.connect.config;

import java.util.Optional;

/**
 * One {@code [[schemas]]} entry: the registry schema a source stamps on the messages of a topic.
 *
 * @param topic           the destination topic
 * @param subject         registry subject
 * @param schemaType      json_schema, json, avro, protobuf, string, number or bytes (lower case)
 * @param schemaFile      file with the definition; empty for primitive types
 * @param autoRegister    register the file when the subject lacks it (after a compatibility check); otherwise the
 *                        subject must already exist
 * @param versionStrategy which version to stamp
 */
public record SchemaMapping(String topic, String subject, String schemaType, String schemaFile, boolean autoRegister,
                           VersionStrategy versionStrategy) {

    public Optional<String> file() {
        return schemaFile == null || schemaFile.isBlank() ? Optional.empty() : Optional.of(schemaFile);
    }
}
