package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Checks a request's credentials before anything else is done with it. Thread-safe; never blocks. */
public interface Authenticator {

    /** The completed stage of an authentic request. */
    CompletionStage<Void> AUTHENTIC = CompletableFuture.completedFuture(null);

    /**
     * Completes when the request is authentic; fails with {@link AuthenticationException} (its message is the 401
     * answer) when it is not. Never throws.
     */
    CompletionStage<Void> verify(WebhookRequest request);

    /** The {@code WWW-Authenticate} challenge of a 401 answer. */
    String challenge();

    /** Told once the request's message was accepted by Danube (for replay protection). The default does nothing. */
    default void accepted(WebhookRequest request) {
    }
}
