package io.danube.connect.adapter;

/**
 * The {@code [camel_source]} section of a {@link CamelEndpointSource}.
 *
 * @param fromUri          Camel consumer endpoint URI to read from, e.g. {@code paho-mqtt5:sensors/#?brokerUrl=...}
 * @param topic            Danube topic every message is published to
 * @param partitions       partitions of the topic (0 = not partitioned)
 * @param reliableDispatch reliable (persisted) dispatch
 * @param keyHeader        header whose value becomes the routing key; may be null
 */
public record CamelSourceSettings(String fromUri, String topic, int partitions, boolean reliableDispatch,
                                  String keyHeader) {
}
