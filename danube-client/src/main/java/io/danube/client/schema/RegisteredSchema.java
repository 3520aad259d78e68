package io.danube.client.schema;

/** Result of a registration: {@code newVersion} is false when an identical definition already existed. */
public record RegisteredSchema(long schemaId, int version, boolean newVersion, String fingerprint) {
}
