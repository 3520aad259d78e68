package io.danube.client.schema;

/** Acknowledgement of a registry change (delete, mode change, topic binding, policy update). */
public record RegistryOperationResult(boolean success, String message) {
}
