package io.danube.connect.api;

import com.fasterxml.jackson.core.JacksonException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One consumed message handed to a sink connector. The payload is the exact bytes the producer sent; decoding is up
 * to the connector ({@link #payloadString()}, {@link #payloadJson(Class)}), and a payload that cannot be decoded
 * raises {@link InvalidDataException} so the runtime dead-letters it.
 *
 * @param subscription the subscription the record was consumed under; null for a record made outside the runtime
 * @param topic        the logical topic subscribed to, {@code /namespace/topic} (never a {@code -part-N} name)
 * @param partition    the partition topic the message came from ({@code /ns/topic-part-2}), equal to {@code topic}
 *                     for a non-partitioned topic
 * @param messageId    the broker's identity of the message, unique per partition topic
 * @param offset       the message's offset in its partition topic
 * @param publishTime  producer wall-clock time of the send, milliseconds since the epoch
 * @param producerName the name of the producer that sent it
 * @param routingKey   the key it was sent with; may be null
 * @param attributes   the message attributes; never null
 * @param schema       the registry schema it was stamped with; may be null
 * @param payload      the payload bytes
 */
public record SinkRecord(String subscription, String topic, String partition, String messageId, long offset,
                         long publishTime, String producerName, String routingKey, Map<String, String> attributes,
                         SchemaRef schema, byte[] payload) {

    public SinkRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(partition, "partition");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload as strict UTF-8; {@link InvalidDataException} if it is not valid UTF-8. */
    public String payloadString() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException("Payload is not valid UTF-8", e, context());
        }
    }

    /** The payload parsed as JSON into {@code type} (a POJO, record, {@code Map} or {@code JsonNode}). */
    public <T> T payloadJson(Class<T> type) {
        try {
            return Json.MAPPER.readValue(payload, type);
        } catch (JacksonException e) {
            throw new InvalidDataException("Payload is not JSON of type " + type.getSimpleName() + ": "
                                           + e.getOriginalMessage(), e, context());
        } catch (IOException e) {
            throw new InvalidDataException("Payload cannot be read as JSON: " + e.getMessage(), e, context());
        }
    }

    /**
     * The record's position in Danube, the key an effectively-once sink stores with it ({@link PositionStoringSink}).
     *
     * @throws IllegalStateException when the record carries no subscription or offset (it was not consumed)
     */
    public DanubePosition position() {
        if (subscription == null || offset < 0) {
            throw new IllegalStateException("Record " + this + " was not consumed from a subscription");
        }
        return new DanubePosition(subscription, partition, offset);
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<SchemaRef> schemaRef() {
        return Optional.ofNullable(schema);
    }

    public Optional<String> key() {
        return Optional.ofNullable(routingKey);
    }

    /** Where this record came from, for error context: topic, partition and offset. */
    public Map<String, String> context() {
        return Map.of("topic", topic, "partition", partition, "offset", Long.toString(offset));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SinkRecord that && Objects.equals(subscription, that.subscription)
               && topic.equals(that.topic) && partition.equals(that.partition)
               && Objects.equals(messageId, that.messageId) && offset == that.offset
               && publishTime == that.publishTime && Objects.equals(producerName, that.producerName)
               && Objects.equals(routingKey, that.routingKey) && attributes.equals(that.attributes)
               && Objects.equals(schema, that.schema) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, messageId, offset, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "SinkRecord[topic=" + partition + ", offset=" + offset + ", messageId=" + messageId + ", bytes="
               + payload.length + ", attributes=" + attributes + "]";
    }
}
