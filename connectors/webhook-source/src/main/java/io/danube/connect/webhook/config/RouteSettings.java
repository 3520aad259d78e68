package io.danube.connect.webhook.config;

import java.util.List;

/**
 * One {@code [[routes]]} entry: POSTs to {@code from} (an exact path) are published to the topic {@code to}.
 *
 * @param keyHeader        request header whose value becomes the routing key
 * @param keyField         top-level field of the JSON body whose value becomes the routing key
 * @param requireJson      answer 415 unless the Content-Type is JSON, 400 unless the body parses
 * @param schemaFile       a JSON Schema the body must satisfy (implies JSON)
 * @param attributeHeaders request headers copied into the message attributes as {@code webhook.header.<name>}
 * @param rateLimit        this route's own token bucket
 * @param maxInFlight      Danube sends in flight per partition: 1 (default) publishes requests in arrival order per
 *                         partition, more declares order irrelevant and pipelines them
 */
public record RouteSettings(String from, String to, Integer partitions, Boolean reliableDispatch, String keyHeader,
                            String keyField, Boolean requireJson, String schemaFile, List<String> attributeHeaders,
                            RouteRateLimit rateLimit, Integer maxInFlight) {

    public RouteSettings {
        partitions = partitions == null ? 0 : partitions;
        reliableDispatch = reliableDispatch != null && reliableDispatch;
        requireJson = requireJson != null && requireJson;
        attributeHeaders = attributeHeaders == null ? List.of() : List.copyOf(attributeHeaders);
        maxInFlight = maxInFlight == null ? 1 : maxInFlight;
    }

    /** A copy with the JSON Schema at {@code path}. */
    RouteSettings withSchemaFile(String path) {
        return new RouteSettings(from, to, partitions, reliableDispatch, keyHeader, keyField, requireJson, path,
                attributeHeaders, rateLimit, maxInFlight);
    }

    /** {@code [routes.rate_limit]}. */
    public record RouteRateLimit(Double requestsPerSecond, Integer burstSize) {
    }
}
