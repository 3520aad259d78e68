package io.danube.embedded.schema;

/** Answer to a registration: the subject's schema id, the matching or new version and its fingerprint. */
record RegistrationResult(long schemaId, int version, boolean newVersion, String fingerprint) {
}
