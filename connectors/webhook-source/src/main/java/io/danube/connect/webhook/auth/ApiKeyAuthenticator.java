package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

import java.util.concurrent.CompletionStage;

/** The request must carry the shared key in a header, compared in constant time. */
public final class ApiKeyAuthenticator implements Authenticator {

    private final String header;
    private final String key;

    public ApiKeyAuthenticator(String header, String key) {
        this.header = header;
        this.key = key;
    }

    @Override
    public String challenge() {
        return "ApiKey header=\"" + header + "\"";
    }

    @Override
    public CompletionStage<Void> verify(WebhookRequest request) {
        String presented = request.header(header);
        if (presented == null) {
            return AuthenticationException.refused("missing " + header + " header");
        }
        return SecretComparison.matches(key, presented) ? AUTHENTIC
                : AuthenticationException.refused("invalid API key");
    }
}
