package io.danube.client.schema;

/** Summary of one version of a subject, as listed by {@link SchemaRegistryClient#listVersions(String)}. */
public record SchemaVersion(int version, long createdAtSeconds, String createdBy, String description,
                            String fingerprint, long schemaId) {
}
