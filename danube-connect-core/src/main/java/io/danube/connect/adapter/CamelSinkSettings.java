package io.danube.connect.adapter;

/**
 * The {@code [camel_sink]} section of a {@link CamelEndpointSink}.
 *
 * @param toUri            Camel producer endpoint URI every record is sent to, e.g. {@code sql:insert ...}
 * @param topic            Danube topic to consume
 * @param subscription     subscription name
 * @param subscriptionType Exclusive, Shared (default when absent), FailOver or KeyShared
 */
public record CamelSinkSettings(String toUri, String topic, String subscription, String subscriptionType) {
}
