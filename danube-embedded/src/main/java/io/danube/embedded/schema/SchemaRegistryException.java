package io.danube.embedded.schema;

/**
 * A registry request that cannot be carried out (bad definition, incompatible change, unknown subject or version);
 * the message names the cause.
 */
public final class SchemaRegistryException extends RuntimeException {

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
