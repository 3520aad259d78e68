package io.danube.camel.consumer;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;

/** Creates the receipt that settles a consumed message, both for automatic and manual acknowledgement. */
@FunctionalInterface
public interface DanubeMessageReceiptFactory {

    /**
     * @param consumer         the client consumer that received {@code message}
     * @param defaultNackDelay delay for a plain negative acknowledgement; {@code null} leaves it to the broker
     */
    DanubeMessageReceipt create(Consumer consumer, ReceivedMessage message, Duration defaultNackDelay);
}
