package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

/** Checks a request's credentials before anything else is done with it. Thread-safe. */
public interface Authenticator {

    /** @throws AuthenticationException when the request is not authentic */
    void verify(WebhookRequest request);

    /** The {@code WWW-Authenticate} challenge of a 401 answer. */
    String challenge();

    /** Told once the request's message was accepted by Danube (for replay protection). The default does nothing. */
    default void accepted(WebhookRequest request) {
    }
}
