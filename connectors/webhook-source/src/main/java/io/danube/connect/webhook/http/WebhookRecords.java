package io.danube.connect.webhook.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.api.SourceRecord;
import io.danube.connect.webhook.config.RouteSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Danube message of an accepted webhook: the body bytes exactly as received, the {@code webhook.*} attributes, the
 * configured headers as {@code webhook.header.<name>}, and the routing key from a header or a top-level JSON field.
 */
final class WebhookRecords {

    static final int MAX_ATTRIBUTE_LENGTH = 1024;

    private WebhookRecords() {
    }

    static SourceRecord of(RouteSettings route, WebhookRequest request, String clientIp, JsonNode json) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("webhook.endpoint", route.from());
        attributes.put("webhook.received_at", request.receivedAt().toString());
        attributes.put("webhook.client_ip", clientIp);
        putIfPresent(attributes, "webhook.content_type", request.header("Content-Type"));
        putIfPresent(attributes, "webhook.user_agent", request.header("User-Agent"));
        for (String header : route.attributeHeaders()) {
            putIfPresent(attributes, "webhook.header." + header.toLowerCase(Locale.ROOT), request.header(header));
        }
        SourceRecord record = SourceRecord.fromBytes(route.to(), request.body()).withAttributes(attributes);
        String key = key(route, request, json);
        return key == null || key.isEmpty() ? record : record.withKey(key);
    }

    private static String key(RouteSettings route, WebhookRequest request, JsonNode json) {
        if (route.keyHeader() != null) {
            return request.header(route.keyHeader());
        }
        if (route.keyField() != null && json != null && json.isObject()) {
            JsonNode field = json.get(route.keyField());
            if (field != null && field.isValueNode() && !field.isNull()) {
                return field.asText();
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value.length() > MAX_ATTRIBUTE_LENGTH ? value.substring(0, MAX_ATTRIBUTE_LENGTH)
                    : value);
        }
    }
}
