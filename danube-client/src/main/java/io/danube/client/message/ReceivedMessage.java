package io.danube.client.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A message delivered to a consumer. Immutable: the payload is copied in and out, attributes are unmodifiable.
 *
 * @param id            wire identity, used verbatim when acknowledging
 * @param requestId     the producer's request id carried by the message, echoed in ack and nack
 * @param payload       message bytes
 * @param attributes    user attributes
 * @param publishTime   producer wall clock at send, milliseconds since the epoch
 * @param producerName  name of the (partition) producer that sent it
 * @param routingKey    key given to a keyed send
 * @param schemaId      registry schema id stamped by the producer
 * @param schemaVersion registry schema version stamped by the producer
 */
public record ReceivedMessage(MessageId id, long requestId, byte[] payload, Map<String, String> attributes,
                              long publishTime, String producerName, Optional<String> routingKey,
                              OptionalLong schemaId, OptionalInt schemaVersion) {

    public ReceivedMessage {
        Objects.requireNonNull(id, "id");
        payload = payload.clone();
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(producerName, "producerName");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(schemaId, "schemaId");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as a read-only buffer, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** Size of the payload in bytes. */
    public int payloadSize() {
        return payload.length;
    }

    /** The topic (partition) the message was delivered from. */
    public String topic() {
        return id.topic();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedMessage that
                && requestId == that.requestId
                && id.equals(that.id)
                && producerName.equals(that.producerName)
                && publishTime == that.publishTime
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, requestId);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[id=" + id + ", requestId=" + requestId + ", payloadSize=" + payload.length
                + ", producer=" + producerName + ", routingKey=" + routingKey.orElse("") + "]";
    }
}
