package io.danube.camel.consumer;

import io.danube.client.message.MessageId;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Settles one consumed message. With {@code allowManualAcknowledgement=true} the consumer puts it in the
 * {@code CamelDanubeMessageReceipt} header and does not acknowledge by itself. A message is settled at most once: the
 * first call wins and later calls return an already completed future.
 */
public interface DanubeMessageReceipt {

    /** Identity of the message this receipt settles. */
    MessageId messageId();

    /**
     * Acknowledges the message; the broker will not deliver it to this subscription again.
     *
     * @see io.danube.client.consumer.Consumer#ack
     */
    CompletableFuture<Void> acknowledge();

    /**
     * Asks the broker to redeliver the message after the endpoint's {@code nackRedeliveryDelay}.
     *
     * @see io.danube.client.consumer.Consumer#nack
     */
    CompletableFuture<Void> negativeAcknowledge();

    /**
     * Asks the broker to redeliver the message after at least {@code redeliveryDelay}.
     *
     * @see io.danube.client.consumer.Consumer#nack
     */
    CompletableFuture<Void> negativeAcknowledge(Duration redeliveryDelay);

    /** Whether the message was already acknowledged or negatively acknowledged through this receipt. */
    boolean isSettled();
}
