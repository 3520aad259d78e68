package io.danube.client.error;

import io.grpc.Status;

/** A retryable failure (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) persisted through every allowed retry. */
public class RetriesExhaustedException extends DanubeRpcException {

    private final int attempts;

    public RetriesExhaustedException(String operation, Status lastStatus, String topic, String clientName, int attempts) {
        super(operation + " after " + attempts + " attempts", lastStatus, topic, clientName);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
