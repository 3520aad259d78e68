package io.danube.connect.webhook.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/** The answer to one request: a status, a small JSON body and extra headers (e.g. {@code Retry-After}). */
public record WebhookResponse(int status, String json, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public WebhookResponse {
        headers = Map.copyOf(headers);
    }

    public static WebhookResponse accepted(String topic) {
        ObjectNode body = JSON.createObjectNode().put("status", "accepted").put("topic", topic);
        return new WebhookResponse(200, body.toString(), Map.of());
    }

    public static WebhookResponse status(int status, String state) {
        return new WebhookResponse(status, JSON.createObjectNode().put("status", state).toString(), Map.of());
    }

    public static WebhookResponse error(int status, String error, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("message", message);
        return new WebhookResponse(status, body.toString(), Map.of());
    }

    public WebhookResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new WebhookResponse(status, json, more);
    }
}
