package io.danube.connect.api;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message a source connector hands to the runtime for publishing. Immutable: the {@code with*} methods return
 * copies. The payload bytes are published exactly as built here; the runtime never re-encodes them.
 *
 * <p>The topic must be one of the connector's {@link SourceConnector#producerConfigs()}; the key (if any) picks the
 * partition of a partitioned topic by hash, so records with the same key keep their order.
 */
public final class SourceRecord {

    private final String topic;
    private final byte[] payload;
    private final Map<String, String> attributes;
    private final String key;
    private final Offset offset;

    private SourceRecord(String topic, byte[] payload, Map<String, String> attributes, String key, Offset offset) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.attributes = Map.copyOf(attributes);
        this.key = key;
        this.offset = offset;
    }

    /** A record whose payload is {@code value} serialised as JSON; throws {@link InvalidDataException} if it cannot be. */
    public static SourceRecord fromJson(String topic, Object value) {
        try {
            return new SourceRecord(topic, Json.MAPPER.writeValueAsBytes(value), Map.of(), null, null);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException("Cannot serialise " + (value == null ? "null" : value.getClass().getName())
                                           + " to JSON for topic " + topic, e);
        }
    }

    /** A record whose payload is the UTF-8 bytes of {@code text}, as is (not JSON-quoted). */
    public static SourceRecord fromString(String topic, String text) {
        return new SourceRecord(topic, text.getBytes(StandardCharsets.UTF_8), Map.of(), null, null);
    }

    /** A record whose payload is exactly {@code bytes} (copied). */
    public static SourceRecord fromBytes(String topic, byte[] bytes) {
        return new SourceRecord(topic, bytes.clone(), Map.of(), null, null);
    }

    /** A record whose payload is the JSON text of {@code number}, e.g. {@code 42} or {@code 2.5}. */
    public static SourceRecord fromNumber(String topic, Number number) {
        Objects.requireNonNull(number, "number");
        return fromJson(topic, number);
    }

    public SourceRecord withAttribute(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(attributes);
        merged.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new SourceRecord(topic, payload, merged, key, offset);
    }

    public SourceRecord withAttributes(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(attributes);
        merged.putAll(more);
        return new SourceRecord(topic, payload, merged, key, offset);
    }

    /** The routing key: on a partitioned topic it selects the partition by hash. */
    public SourceRecord withKey(String newKey) {
        return new SourceRecord(topic, payload, attributes, newKey, offset);
    }

    /** The position to {@link SourceConnector#commit commit} once this record and all before it are published. */
    public SourceRecord withOffset(Offset newOffset) {
        return new SourceRecord(topic, payload, attributes, key, newOffset);
    }

    /** The same record addressed to another topic. */
    public SourceRecord withTopic(String newTopic) {
        return new SourceRecord(newTopic, payload, attributes, key, offset);
    }

    public String topic() {
        return topic;
    }

    /** A copy of the payload bytes. */
    public byte[] payload() {
        return payload.clone();
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    public Optional<Offset> offset() {
        return Optional.ofNullable(offset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceRecord that && topic.equals(that.topic) && Arrays.equals(payload, that.payload)
               && attributes.equals(that.attributes) && Objects.equals(key, that.key)
               && Objects.equals(offset, that.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), attributes, key, offset);
    }

    @Override
    public String toString() {
        return "SourceRecord[topic=" + topic + ", bytes=" + payload.length + ", key=" + key + ", attributes="
               + attributes + ", offset=" + offset + "]";
    }
}
