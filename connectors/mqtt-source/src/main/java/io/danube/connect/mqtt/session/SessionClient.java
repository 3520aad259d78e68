package io.danube.connect.mqtt.session;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

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
 */
final class SessionClient extends MqttClient {

    private final SessionListener listener;
    private final Supplier<IMqttToken> subscribeAll;
    private final CountDownLatch consumerReady = new CountDownLatch(1);
    private volatile MqttCallback consumer;
    private volatile boolean closing;

    SessionClient(String serverUri, String clientId, SessionListener listener, Supplier<IMqttToken> subscribeAll)
            throws MqttException {
        super(serverUri, clientId, new MemoryPersistence());
        this.listener = listener;
        this.subscribeAll = subscribeAll;
        setManualAcks(true);
        super.setCallback(new Forwarder());
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
        return aClient;
    }

    /** Releases a callback thread waiting for the consumer; called before disconnecting. */
    void closing() {
        closing = true;
        consumerReady.countDown();
    }

    private final class Forwarder implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            while (!consumerReady.await(1, TimeUnit.SECONDS)) {
                if (closing) {
                    return;
                }
            }
            MqttCallback target = consumer;
            if (target != null && !closing) {
                target.messageArrived(topic, message);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
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
