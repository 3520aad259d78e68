package io.danube.client.consumer;

/**
 * Told when a partition subscription loses its broker stream and when it is back. Called on client threads, after
 * the state changed; must return quickly and must not block.
 */
public interface ConnectionListener {

    /** The subscription of {@code partitionTopic} lost its stream and is re-subscribing; {@code reason} says why. */
    void onDisconnected(String partitionTopic, String reason);

    /** The subscription of {@code partitionTopic} is receiving again after a disconnection. */
    void onReconnected(String partitionTopic);
}
