package io.danube.camel.consumer;

/** A subscription lost its broker stream; the client re-subscribes on its own. */
public class DanubeSubscriptionLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String partitionTopic;
    private final String subscription;

    public DanubeSubscriptionLostException(String partitionTopic, String subscription, String reason) {
        super("subscription " + subscription + " on " + partitionTopic + ": " + reason);
        this.partitionTopic = partitionTopic;
        this.subscription = subscription;
    }

    public String getPartitionTopic() {
        return partitionTopic;
    }

    public String getSubscription() {
        return subscription;
    }
}
