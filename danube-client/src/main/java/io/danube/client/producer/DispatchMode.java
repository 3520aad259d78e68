package io.danube.client.producer;

/**
 * Delivery guarantee of the topic a producer creates. It is fixed when the topic is created; a producer asking
 * for the other mode on an existing topic is rejected by the broker (FAILED_PRECONDITION).
 */
public enum DispatchMode {
    /** Fire and forget: only subscriptions that exist at publish time receive the message, nothing is stored. */
    NON_RELIABLE,
    /** Stored in the topic log, delivered at least once, acknowledged by consumers. */
    RELIABLE
}
