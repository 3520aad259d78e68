package io.danube.connect.mqtt.session;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Paho client handed to Camel's {@code paho-mqtt5} consumer (endpoint option {@code client}). Acknowledgements are
 * manual. Camel's consumer installs its callback, which turns each message into an exchange; this client keeps its own
 * callback in front of it so that connection losses reach the session (for health and reconnecting) and so that
 * messages arriving before Camel's consumer started (a persistent session delivers queued messages right after
 * CONNECT) wait for it instead of being lost. When Camel's consumer subscribes its endpoint topic, every route filter
 * is subscribed instead, each with its own subscription identifier.
 *
 * <p>Each connection runs on a Paho client of its own underneath ({@link #connectAnew}): Paho 1.2.5 can keep the
 * CONNECT of a failed attempt queued and send it again on the next connection (eclipse-paho/paho.mqtt.java#1099;
 * seen here after connects that failed while Mosquitto restarted, with our reconnects as with Paho's own). Mosquitto
 * answers a second CONNECT with a protocol error and drops the persistent session, and every message queued for it
 * with it. A client underneath that is used for one attempt only has nothing to carry over.
 */
final class SessionClient extends MqttClient {

    private static final Logger LOG = LoggerFactory.getLogger(SessionClient.class);

    private final SessionListener listener;
    private final Supplier<IMqttToken> subscribeAll;
    private final CountDownLatch consumerReady = new CountDownLatch(1);
    private volatile CountDownLatch connectionSettled = new CountDownLatch(0);
    /** {@code aClient}, which Paho does not declare volatile, as Paho's threads must see it. */
    private volatile MqttAsyncClient current;
    private volatile MqttCallback consumer;
    private volatile boolean closing;

    SessionClient(String serverUri, String clientId, SessionListener listener, Supplier<IMqttToken> subscribeAll)
            throws MqttException {
        super(serverUri, clientId, new MemoryPersistence());
        this.listener = listener;
        this.subscribeAll = subscribeAll;
        setManualAcks(true);
        current = aClient;
        aClient.setCallback(new Forwarder(aClient));
    }

    /** Starts a connection on a new Paho client underneath and discards the previous one, connected or not. */
    IMqttToken connectAnew(MqttConnectionOptions options) throws MqttException {
        MqttAsyncClient previous = aClient;
        MqttAsyncClient fresh = new MqttAsyncClient(previous.getServerURI(), previous.getClientId(),
                new MemoryPersistence());
        fresh.setManualAcks(true);
        fresh.setCallback(new Forwarder(fresh));
        aClient = fresh;
        current = fresh;
        discard(previous);
        return fresh.connect(options, null, null);
    }

    private static void discard(MqttAsyncClient previous) {
        try {
            if (previous.isConnected()) {
                previous.disconnectForcibly(0, 1_000, false);
            }
            previous.close(true);
        } catch (MqttException e) {
            LOG.debug("Discarding the previous Paho client failed: {}", e.getMessage());
        }
    }

    /** Camel's consumer callback: it receives the messages; connection events stay with the session. */
    @Override
    public void setCallback(MqttCallback callback) {
        this.consumer = callback;
        consumerReady.countDown();
    }

    /** Camel's consumer subscribing its endpoint topic: subscribes every route instead. */
    @Override
    public IMqttToken subscribe(String topicFilter, int qos) throws MqttException {
        IMqttToken token = subscribeAll.get();
        token.waitForCompletion(getTimeToWait());
        return token;
    }

    /** The asynchronous client underneath, for calls made from Paho's own threads. */
    MqttAsyncClient async() {
        return current;
    }

    /**
     * Holds messages of the connection about to be made until {@link #releaseDeliveries()}: the session must know
     * whether the broker kept the session before it can tell a redelivery from a new message.
     */
    void holdDeliveries() {
        connectionSettled = new CountDownLatch(1);
    }

    void releaseDeliveries() {
        connectionSettled.countDown();
    }

    /** Releases a callback thread waiting for the consumer; called before disconnecting. */
    void closing() {
        closing = true;
        consumerReady.countDown();
        connectionSettled.countDown();
    }

    /** The callback of one client underneath; events of a client that has since been replaced are ignored. */
    private final class Forwarder implements MqttCallback {

        private final MqttAsyncClient owner;

        Forwarder(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            if (owner != current || !awaitUnlessClosing(consumerReady) || !awaitUnlessClosing(connectionSettled)) {
                return;
            }
            MqttCallback target = consumer;
            if (target != null && !closing) {
                target.messageArrived(topic, message);
            }
        }

        private boolean awaitUnlessClosing(CountDownLatch latch) throws InterruptedException {
            while (!latch.await(1, TimeUnit.SECONDS)) {
                if (closing) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (owner != current) {
                return;
            }
            listener.disconnected(response.getException() != null ? String.valueOf(response.getException())
                    : "reason code " + response.getReturnCode() + " " + response.getReasonString());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.error(exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
