package io.danube.connect.webhook.http;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the webhook pipeline sees it.
 *
 * @param headers     header name in lower case → its values in arrival order
 * @param body        the raw body bytes, exactly as received (HMAC signatures are computed over them)
 * @param peerAddress the socket peer's IP address
 */
public record WebhookRequest(String method, String path, Map<String, List<String>> headers, byte[] body,
                             String peerAddress, Instant receivedAt) {

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of header {@code name} (case-insensitive). */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
