package io.danube.client.consumer;

/** Lifecycle of a consumer (or of one of its partitions). */
public enum ConsumerState {
    /** Subscribed with an open message stream. */
    CONNECTED,
    /** The stream dropped or the broker closed the consumer; re-subscribing with backoff. */
    RECONNECTING,
    /** Closed by the application. */
    CLOSED
}
