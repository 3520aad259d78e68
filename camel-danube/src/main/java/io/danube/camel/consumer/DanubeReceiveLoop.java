package io.danube.camel.consumer;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** One consumer thread: takes messages from the subscription and hands each to the route until told to stop. */
final class DanubeReceiveLoop implements Runnable {

    private final Consumer subscription;
    private final Duration receiveTimeout;
    private final BooleanSupplier keepRunning;
    private final java.util.function.Consumer<ReceivedMessage> handler;

    DanubeReceiveLoop(Consumer subscription, Duration receiveTimeout, BooleanSupplier keepRunning,
                      java.util.function.Consumer<ReceivedMessage> handler) {
        this.subscription = subscription;
        this.receiveTimeout = receiveTimeout;
        this.keepRunning = keepRunning;
        this.handler = handler;
    }

    @Override
    public void run() {
        while (keepRunning.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            Optional<ReceivedMessage> next = subscription.receive(receiveTimeout);
            if (next.isPresent()) {
                handler.accept(next.get());
            }
        }
    }
}
