package io.danube.client.error;

/** A producer's schema reference could not be resolved to a registered schema version. */
public class SchemaResolutionException extends DanubeClientException {

    public SchemaResolutionException(String message) {
        super(message);
    }

    public SchemaResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
