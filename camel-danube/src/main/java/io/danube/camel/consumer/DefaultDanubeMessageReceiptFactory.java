package io.danube.camel.consumer;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;

/** Creates {@link DefaultDanubeMessageReceipt}s. */
public class DefaultDanubeMessageReceiptFactory implements DanubeMessageReceiptFactory {

    @Override
    public DanubeMessageReceipt create(Consumer consumer, ReceivedMessage message, Duration defaultNackDelay) {
        return new DefaultDanubeMessageReceipt(consumer, message, defaultNackDelay);
    }
}
