package io.danube.embedded.schema;

import java.util.List;
import java.util.Objects;

/**
 * One registered version of a subject.
 *
 * @param createdAt epoch seconds
 */
public record SchemaVersionRecord(int version,
                                  SchemaDefinition definition,
                                  long createdAt,
                                  String createdBy,
                                  String description,
                                  List<String> tags) {

    public SchemaVersionRecord {
        Objects.requireNonNull(definition, "definition");
        createdBy = Objects.requireNonNullElse(createdBy, "");
        description = Objects.requireNonNullElse(description, "");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String fingerprint() {
        return definition.fingerprint();
    }
}
