package io.danube.client.schema;

import java.util.List;

/**
 * One registered schema version.
 *
 * @param definition       the registered definition text (unwrapped from the broker's envelope); empty for
 *                         bytes, string and number schemas
 * @param createdAtSeconds registration time, seconds since the epoch
 */
public record SchemaInfo(long schemaId, int version, String subject, String schemaType, String definition,
                         String description, long createdAtSeconds, String createdBy, List<String> tags,
                         String fingerprint, String compatibilityMode) {

    public SchemaInfo {
        tags = List.copyOf(tags);
    }
}
