package io.danube.client.schema;

/** The schema id and version stamped on every message of a producer. */
public record ResolvedSchema(long schemaId, int version) {
}
