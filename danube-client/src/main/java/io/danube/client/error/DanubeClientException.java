package io.danube.client.error;

/** Base type of every error raised by the Danube client. */
public class DanubeClientException extends RuntimeException {

    public DanubeClientException(String message) {
        super(message);
    }

    public DanubeClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
