package io.danube.connect.webhook.auth;

import io.danube.connect.webhook.http.WebhookRequest;

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
    public void verify(WebhookRequest request) {
        String presented = request.header(header);
        if (presented == null) {
            throw new AuthenticationException("missing " + header + " header");
        }
        if (!SecretComparison.matches(key, presented)) {
            throw new AuthenticationException("invalid API key");
        }
    }
}
