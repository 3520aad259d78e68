package io.danube.client.producer;

/** Lifecycle of a producer (or of one of its partitions). */
public enum ProducerState {
    /** Registered with the broker; sends are issued. */
    CONNECTED,
    /** Re-looking up the topic and re-creating the producer; sends are queued. */
    RECONNECTING,
    /** The last re-creation failed; the next send or health check tries again. */
    DISCONNECTED,
    /** Closed by the application; sends are rejected. */
    CLOSED
}
