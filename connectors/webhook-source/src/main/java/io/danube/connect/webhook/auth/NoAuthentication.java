package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

import java.util.concurrent.CompletionStage;

/** {@code type = "none"}: every request passes (for a trusted network or a gateway that authenticates). */
public final class NoAuthentication implements Authenticator {

    @Override
    public String challenge() {
        return "None";
    }

    @Override
    public CompletionStage<Void> verify(WebhookRequest request) {
        return AUTHENTIC;
    }
}
