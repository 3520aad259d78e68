package io.danube.bench.mqtt;

import io.danube.client.DanubeClient;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.mqtt.session.AckSequencer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.concurrent.Semaphore;

/**
 * The baseline the connector is measured against: a hand-written bridge, a plain Paho MQTT 5 subscriber (QoS 1,
 * manual acknowledgements, receive maximum {@code window}) that sends each message with {@code danube-client}
 * (the same message and producer shape as the connector's) and acknowledges it in arrival order once Danube accepted
 * it, with at most {@code window} messages in flight.
 */
final class PahoDanubeBridge implements AutoCloseable {

    private final MqttClient mqtt;
    private final Producer producer;

    PahoDanubeBridge(String url, String clientId, String filter, DanubeClient danube, String topic, int partitions,
                     int window) throws MqttException {
        this.producer = danube.newProducer().topic(topic).name(clientId).partitions(partitions).reliable().create();
        this.mqtt = new MqttClient(url, clientId, new MemoryPersistence());
        mqtt.setManualAcks(true);
        AckSequencer acks = new AckSequencer((id, qos) -> {
            try {
                mqtt.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                throw new IllegalStateException("ack failed", e);
            }
        });
        Semaphore inFlight = new Semaphore(window);
        mqtt.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String mqttTopic, MqttMessage message) throws Exception {
                AckSequencer.Delivery delivery = acks.register(message.getId(), message.getQos(), mqttTopic,
                        message.getPayload());
                inFlight.acquire();
                producer.sendAsync(sameMessageAsTheConnector(mqttTopic, message))
                        .whenComplete((receipt, error) -> {
                            inFlight.release();
                            if (error == null) {
                                acks.complete(delivery);
                            }
                        });
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
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(window);
        mqtt.connect(options);
        mqtt.subscribe(filter, 1);
    }

    /**
     * What the connector publishes by default ({@code include_metadata}): the payload keyed by the MQTT topic with
     * the topic, QoS, retain and duplicate flags and the source as attributes.
     */
    private static OutgoingMessage sameMessageAsTheConnector(String mqttTopic, MqttMessage message) {
        return OutgoingMessage.builder(message.getPayload()).key(mqttTopic)
                .attribute("mqtt.topic", mqttTopic)
                .attribute("mqtt.qos", Integer.toString(message.getQos()))
                .attribute("mqtt.retain", Boolean.toString(message.isRetained()))
                .attribute("mqtt.dup", Boolean.toString(message.isDuplicate()))
                .attribute("source", "mqtt")
                .build();
    }

    @Override
    public void close() throws Exception {
        mqtt.disconnect();
        mqtt.close();
        producer.close();
    }
}
