package io.danube.client.message;

import java.util.Objects;

/**
 * Identity of a delivered message as assigned on the wire. {@code offset} is the topic offset for reliable topics;
 * on non-reliable topics it is whatever the producer sent (0 from Danube clients), so it is not unique there.
 */
public record MessageId(long producerId, String topic, String brokerAddress, long offset) {

    public MessageId {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(brokerAddress, "brokerAddress");
    }
}
