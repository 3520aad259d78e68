package io.danube.camel.consumer;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.MessageId;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Settles a message through the client consumer that received it, at most once. */
public class DefaultDanubeMessageReceipt implements DanubeMessageReceipt {

    private final Consumer consumer;
    private final ReceivedMessage message;
    private final Duration defaultNackDelay;
    private final AtomicBoolean settled = new AtomicBoolean();

    /**
     * @param defaultNackDelay delay for {@link #negativeAcknowledge()}; {@code null} leaves it to the broker
     */
    public DefaultDanubeMessageReceipt(Consumer consumer, ReceivedMessage message, Duration defaultNackDelay) {
        this.consumer = consumer;
        this.message = message;
        this.defaultNackDelay = defaultNackDelay;
    }

    @Override
    public MessageId messageId() {
        return message.id();
    }

    @Override
    public CompletableFuture<Void> acknowledge() {
        if (!settled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return consumer.ack(message);
    }

    @Override
    public CompletableFuture<Void> negativeAcknowledge() {
        return negativeAcknowledge(defaultNackDelay);
    }

    @Override
    public CompletableFuture<Void> negativeAcknowledge(Duration redeliveryDelay) {
        if (!settled.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return consumer.nack(message, redeliveryDelay, "Camel exchange failed");
    }

    @Override
    public boolean isSettled() {
        return settled.get();
    }

    @Override
    public String toString() {
        return "DanubeMessageReceipt[" + message.id() + ", settled=" + settled.get() + "]";
    }
}
