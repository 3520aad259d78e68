package io.danube.connect.webhook.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A request whose credentials are missing or wrong; answered 401 with the message. */
public final class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }

    /** The failed stage of a request refused for {@code reason}. */
    static CompletionStage<Void> refused(String reason) {
        return CompletableFuture.failedFuture(new AuthenticationException(reason));
    }
}
