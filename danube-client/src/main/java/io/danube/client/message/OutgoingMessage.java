package io.danube.client.message;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to publish: payload, optional attributes and optional routing key. When a key is present the
 * producer routes by the key's hash (same key, same partition) and stamps it as the message's routing key.
 */
public final class OutgoingMessage {

    private final byte[] payload;
    private final Map<String, String> attributes;
    private final String key;

    private OutgoingMessage(byte[] payload, Map<String, String> attributes, String key) {
        this.payload = payload;
        this.attributes = attributes;
        this.key = key;
    }

    /** A message with only a payload. The array is not copied: do not modify it until the send completed. */
    public static OutgoingMessage of(byte[] payload) {
        return new OutgoingMessage(Objects.requireNonNull(payload, "payload"), Map.of(), null);
    }

    public static OutgoingMessage of(String utf8Payload) {
        return of(utf8Payload.getBytes(StandardCharsets.UTF_8));
    }

    public static Builder builder(byte[] payload) {
        return new Builder(payload);
    }

    /** The payload array as given (not copied). */
    public byte[] payload() {
        return payload;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** Builds an {@link OutgoingMessage}; not thread-safe. */
    public static final class Builder {

        private final byte[] payload;
        private final Map<String, String> attributes = new HashMap<>();
        private String key;

        private Builder(byte[] payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
        }

        public Builder attribute(String name, String value) {
            attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder attributes(Map<String, String> values) {
            values.forEach(this::attribute);
            return this;
        }

        /** Routing key: selects the partition by hash and is delivered as the message's routing key. */
        public Builder key(String routingKey) {
            this.key = routingKey;
            return this;
        }

        public OutgoingMessage build() {
            return new OutgoingMessage(payload, Map.copyOf(attributes), key);
        }
    }
}
