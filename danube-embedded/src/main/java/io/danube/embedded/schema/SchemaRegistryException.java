package io.danube.embedded.schema;

/**
 * A registry request that cannot be carried out (bad definition, incompatible change, unknown subject or version);
 * the message names the cause.
 */
final class SchemaRegistryException extends RuntimeException {

    SchemaRegistryException(String message) {
        super(message);
    }

    SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
