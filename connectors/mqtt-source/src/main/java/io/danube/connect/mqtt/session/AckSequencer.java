package io.danube.connect.mqtt.session;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends MQTT acknowledgements in the order the PUBLISH packets arrived, as MQTT requires, although Danube accepts the
 * messages out of order: a completed delivery is acknowledged once every delivery registered before it on the same
 * connection is complete too.
 *
 * <p>When the connection drops, its unacknowledged deliveries are carried over by packet identifier. A resumed
 * session resends each of them with its original identifier (MQTT 5 §4.4; the broker cannot reuse an identifier we
 * never acknowledged), so a message that arrives with a carried identifier, topic and payload joins that delivery
 * instead of being published to Danube a second time, and is acknowledged on the new connection once the first copy
 * is stored. The DUP flag is not relied on: Mosquitto 2.0 resends a message restored from its store after a restart
 * without it. When the broker kept no session, nothing joins: it then numbers new messages from the start, and an
 * old identifier names another message, maybe one with the same payload.
 */
public final class AckSequencer {

    /** Sends one acknowledgement; handles its own failures (the broker redelivers what was not acknowledged). */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge(int messageId, int qos);
    }

    private final Acknowledger acknowledger;
    private final Deque<Delivery> pending = new ArrayDeque<>();
    /** The lost connection's unacknowledged deliveries, by packet identifier, until the next connection is lost. */
    private final Map<Integer, Delivery> carried = new HashMap<>();
    private long connection;
    private long joinedRedeliveries;

    public AckSequencer(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Registers a message as it arrives (in arrival order). QoS 0 needs no acknowledgement and is not queued. */
    public synchronized Delivery register(int messageId, int qos, String topic, byte[] payload) {
        Delivery delivery = new Delivery(messageId, qos, connection, topic, payload);
        if (qos == 0) {
            return delivery;
        }
        pending.addLast(delivery);
        Delivery first = carried.get(messageId);
        if (first != null && first.topic.equals(topic) && Arrays.equals(first.payload, payload)) {
            carried.remove(messageId);
            delivery.joined = true;
            joinedRedeliveries++;
            if (first.done) {
                delivery.done = true;
                acknowledgeCompletedPrefix();
            } else {
                first.successor = delivery;
            }
        }
        return delivery;
    }

    /** Marks {@code delivery} (and the redeliveries that joined it) as safely stored; acknowledges what it can. */
    public synchronized void complete(Delivery delivery) {
        Delivery latest = delivery;
        latest.done = true;
        while (latest.successor != null) {
            latest = latest.successor;
            latest.done = true;
        }
        if (latest.connection == connection) {
            acknowledgeCompletedPrefix();
        }
    }

    private void acknowledgeCompletedPrefix() {
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Delivery head = pending.removeFirst();
            acknowledger.acknowledge(head.messageId, head.qos);
        }
    }

    /** The connection was lost: nothing registered on it is acknowledged there; its open deliveries are carried. */
    public synchronized void connectionLost() {
        connection++;
        carried.clear();
        for (Delivery delivery : pending) {
            carried.put(delivery.messageId, delivery);
        }
        pending.clear();
    }

    /**
     * A connection is up; call before any of its messages is registered. Without a session on the broker, nothing
     * it sends is a redelivery of a carried message.
     */
    public synchronized void connected(boolean sessionPresent) {
        if (!sessionPresent) {
            carried.clear();
        }
    }

    /** Deliveries registered on the current connection and not acknowledged yet. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Redeliveries that joined a delivery still on its way to Danube instead of being published again. */
    public synchronized long joinedRedeliveries() {
        return joinedRedeliveries;
    }

    /** One received message waiting for its acknowledgement. */
    public static final class Delivery {
        private final int messageId;
        private final int qos;
        private final long connection;
        private final String topic;
        private final byte[] payload;
        private boolean done;
        private boolean joined;
        /** The redelivery of this message on a later connection, acknowledged when this one is stored. */
        private Delivery successor;

        private Delivery(int messageId, int qos, long connection, String topic, byte[] payload) {
            this.messageId = messageId;
            this.qos = qos;
            this.connection = connection;
            this.topic = topic;
            this.payload = payload;
        }

        public int messageId() {
            return messageId;
        }

        /** Whether this is a redelivery of a message already on its way to Danube: it must not be published again. */
        public boolean joinedAnEarlierDelivery() {
            return joined;
        }
    }
}
