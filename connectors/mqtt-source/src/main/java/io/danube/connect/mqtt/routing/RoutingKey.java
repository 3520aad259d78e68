package io.danube.connect.mqtt.routing;

import java.util.Map;
import java.util.Optional;

/**
 * Where a route's Danube routing key comes from: the MQTT topic (default, so each device keeps its order within a
 * partition), an MQTT 5 user property, or nothing (round-robin over partitions).
 */
public sealed interface RoutingKey {

    /** The key for a message on {@code topic} with these user properties; empty for no key. */
    Optional<String> keyFor(String topic, Map<String, String> userProperties);

    /** Parses {@code topic} (default when null), {@code none} or {@code user_property:<name>}. */
    static RoutingKey parse(String text) {
        if (text == null || text.equals("topic")) {
            return new MqttTopic();
        }
        if (text.equals("none")) {
            return new None();
        }
        if (text.startsWith("user_property:") && text.length() > "user_property:".length()) {
            return new UserProperty(text.substring("user_property:".length()));
        }
        throw new IllegalArgumentException("expected 'topic', 'none' or 'user_property:<name>', got '" + text + "'");
    }

    record MqttTopic() implements RoutingKey {
        @Override
        public Optional<String> keyFor(String topic, Map<String, String> userProperties) {
            return Optional.of(topic);
        }
    }

    record None() implements RoutingKey {
        @Override
        public Optional<String> keyFor(String topic, Map<String, String> userProperties) {
            return Optional.empty();
        }
    }

    record UserProperty(String name) implements RoutingKey {
        @Override
        public Optional<String> keyFor(String topic, Map<String, String> userProperties) {
            return Optional.ofNullable(userProperties.get(name));
        }
    }
}
