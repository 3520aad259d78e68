package io.danube.embedded.schema;

import java.util.Objects;

/**
 * A parsed, accepted schema definition.
 *
 * @param type        canonical schema type
 * @param rawSchema   the registered text (empty for bytes, string and number)
 * @param fingerprint {@code sha256:<hex>} of the canonical form, or the literal type name for bytes/string/number
 */
public record SchemaDefinition(SchemaType type, String rawSchema, String fingerprint) {

    public SchemaDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rawSchema, "rawSchema");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
