package io.danube.client.consumer;

import io.danube.client.message.ReceivedMessage;

/**
 * Push-style delivery: called on the consumer's dispatch thread, one message at a time in arrival order. The next
 * message is handed over only when this method returns, so a slow listener slows the stream down (bounded by the
 * prefetch size) instead of buffering without limit. Acknowledge with {@link Consumer#ack} or {@link Consumer#nack},
 * from any thread, possibly later. An exception thrown here is logged and the message is left unacknowledged.
 */
@FunctionalInterface
public interface MessageListener {

    void onMessage(Consumer consumer, ReceivedMessage message);
}
