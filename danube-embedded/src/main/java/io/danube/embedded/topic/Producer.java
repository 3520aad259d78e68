package io.danube.embedded.topic;

/** A producer registered on a topic; names are unique per topic, ids broker-wide. */
public record Producer(long id, String name, String topic) {
}
