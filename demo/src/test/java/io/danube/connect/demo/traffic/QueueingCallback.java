package io.danube.connect.demo.traffic;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.Queue;

/** Puts the payload of every arriving MQTT message into a queue, as text. */
public final class QueueingCallback implements MqttCallback {

    private final Queue<String> queue;

    public QueueingCallback(Queue<String> queue) {
        this.queue = queue;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        queue.offer(new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
