package io.danube.embedded.dispatch;

import io.danube.proto.StreamMessage;

/** KeyShared routing key of a message. */
final class RoutingKeys {

    private RoutingKeys() {
    }

    /** The message's routing key, or its producer name when no key was sent. */
    static String effectiveKey(StreamMessage message) {
        return message.hasRoutingKey() ? message.getRoutingKey() : message.getProducerName();
    }
}
