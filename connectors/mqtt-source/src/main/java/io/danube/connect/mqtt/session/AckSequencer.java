package io.danube.connect.mqtt.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends MQTT acknowledgements in the order the PUBLISH packets arrived, as MQTT requires, although Danube accepts the
 * messages out of order: a completed delivery is acknowledged once every delivery registered before it on the same
 * connection is complete too. When the connection drops, pending deliveries are forgotten: the broker resends every
 * unacknowledged message on the next connection, and acknowledging an old packet id there could hit a new message
 * that reuses it.
 */
public final class AckSequencer {

    /** Sends one acknowledgement; handles its own failures (the broker redelivers what was not acknowledged). */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge(int messageId, int qos);
    }

    private final Acknowledger acknowledger;
    private final Deque<Delivery> pending = new ArrayDeque<>();
    private long connection;

    public AckSequencer(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Registers a message as it arrives (in arrival order). QoS 0 needs no acknowledgement and is not queued. */
    public synchronized Delivery register(int messageId, int qos) {
        Delivery delivery = new Delivery(messageId, qos, connection);
        if (qos > 0) {
            pending.addLast(delivery);
        }
        return delivery;
    }

    /** Marks {@code delivery} as safely stored and acknowledges the completed prefix. */
    public synchronized void complete(Delivery delivery) {
        delivery.done = true;
        if (delivery.connection != connection) {
            return;
        }
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Delivery head = pending.removeFirst();
            acknowledger.acknowledge(head.messageId, head.qos);
        }
    }

    /** The connection was lost: nothing registered so far will be acknowledged. */
    public synchronized void connectionLost() {
        connection++;
        pending.clear();
    }

    /** Deliveries registered on the current connection and not acknowledged yet. */
    public synchronized int pending() {
        return pending.size();
    }

    /** One received message waiting for its acknowledgement. */
    public static final class Delivery {
        private final int messageId;
        private final int qos;
        private final long connection;
        private boolean done;

        private Delivery(int messageId, int qos, long connection) {
            this.messageId = messageId;
            this.qos = qos;
            this.connection = connection;
        }

        public int messageId() {
            return messageId;
        }
    }
}
