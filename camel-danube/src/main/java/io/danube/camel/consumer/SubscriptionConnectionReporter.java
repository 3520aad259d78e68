package io.danube.camel.consumer;

import io.danube.client.consumer.ConnectionListener;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a lost broker stream of a subscription to the consumer's exception handler (so {@code bridgeErrorHandler}
 * sees it) and logs when the subscription receives again.
 */
final class SubscriptionConnectionReporter implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionConnectionReporter.class);

    private final String subscription;
    private final ExceptionHandler exceptionHandler;

    SubscriptionConnectionReporter(String subscription, ExceptionHandler exceptionHandler) {
        this.subscription = subscription;
        this.exceptionHandler = exceptionHandler;
    }

    @Override
    public void onDisconnected(String partitionTopic, String reason) {
        exceptionHandler.handleException("Danube subscription " + subscription + " on " + partitionTopic
                + " lost its broker stream and is re-subscribing",
                new DanubeSubscriptionLostException(partitionTopic, subscription, reason));
    }

    @Override
    public void onReconnected(String partitionTopic) {
        LOG.info("Danube subscription {} on {} is receiving again", subscription, partitionTopic);
    }
}
