package io.danube.connect.testing;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading what a test's consumer has been sent, to the end. */
public final class Drain {

    private Drain() {
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    public static List<ReceivedMessage> all(Consumer consumer, Duration quiet) {
        List<ReceivedMessage> received = new ArrayList<>();
        for (Optional<ReceivedMessage> next = consumer.receive(quiet); next.isPresent();
             next = consumer.receive(quiet)) {
            received.add(next.get());
            consumer.ack(next.get());
        }
        return received;
    }
}
