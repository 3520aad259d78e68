package io.danube.client.error;

/** The client, producer or consumer was closed before the operation could complete. */
public class ClientClosedException extends DanubeClientException {

    public ClientClosedException(String message) {
        super(message);
    }
}
