package io.danube.connect.webhook.auth;

/** A request whose credentials are missing or wrong; answered 401 with the message. */
public final class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
