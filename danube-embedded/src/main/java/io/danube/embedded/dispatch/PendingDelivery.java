package io.danube.embedded.dispatch;

import io.danube.proto.StreamMessage;

/** A reliable message between dispatch and acknowledgement; guarded by its subscription's lock. */
final class PendingDelivery {

    enum State { READY, IN_FLIGHT, POISONED }

    final long offset;
    final StreamMessage message;
    final String key;
    State state = State.READY;
    int deliveries;
    Consumer consumer;
    long readyAtNanos;
    long ackDeadlineNanos;

    PendingDelivery(long offset, StreamMessage message, String key, long readyAtNanos) {
        this.offset = offset;
        this.message = message;
        this.key = key;
        this.readyAtNanos = readyAtNanos;
    }
}
