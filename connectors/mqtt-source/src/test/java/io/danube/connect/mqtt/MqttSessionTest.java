package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.source.SourceRuntime;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The persistent MQTT session: restarts of the connector and of the broker lose nothing. */
class MqttSessionTest extends MqttTestSupport {

    @TempDir
    Path dir;

    private SourceRuntime connector(MosquittoBroker mosquitto, String clientId, String topic) throws Exception {
        SourceRuntime runtime = startConnector(load(dir, coreToml(unique("session")) + """
                [mqtt]
                url = "%s"
                client_id = "%s"
                session_expiry_secs = 120
                [[mqtt.routes]]
                from = "%s/#"
                to = "%s"
                """.formatted(mosquitto.tcpUrl(), clientId, clientId, topic)));
        awaitMqtt(runtime, HealthStatus.HEALTHY);
        return runtime;
    }

    private static void awaitMqtt(SourceRuntime runtime, HealthStatus status) {
        await("mqtt " + status).atMost(Duration.ofSeconds(20)).until(() -> {
            ComponentHealth mqtt = runtime.health().snapshot().components().get("mqtt");
            return mqtt != null && mqtt.status() == status;
        });
    }

    /** Once the connector is healthy again, a message published now reaches Danube, and nothing else does. */
    private void assertPublishedThrough(MosquittoBroker mosquitto, SourceRuntime runtime, Consumer reader,
                                        String clientId, String text) throws Exception {
        awaitMqtt(runtime, HealthStatus.HEALTHY);
        publish(publisher(mosquitto.tcpUrl()), clientId + "/after", text, 1);
        assertThat(drain(reader, Duration.ofSeconds(3))).extracting(MqttTestSupport::text).containsExactly(text);
    }

    @Test
    void messagesQueuedWhileTheConnectorWasStoppedArriveAfterItsRestart() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.plain(Files.createDirectory(dir.resolve("broker")))) {
            String clientId = unique("restart");
            String topic = "/default/" + clientId;
            SourceRuntime first = connector(mosquitto, clientId, topic);
            Consumer reader = subscribe(topic);
            first.stop();
            MqttClient publisher = publisher(mosquitto.tcpUrl());
            for (int i = 0; i < 3_000; i++) {
                publish(publisher, clientId + "/d" + (i % 4), "q-" + i, 1);
            }

            connector(mosquitto, clientId, topic);
            Set<String> received = new HashSet<>();
            await("queued messages").atMost(Duration.ofSeconds(30)).until(() -> {
                drain(reader, Duration.ofMillis(200)).forEach(message -> received.add(text(message)));
                return received.size() >= 3_000;
            });
            assertThat(received).hasSize(3_000);
        }
    }

    @Test
    void healthIsDegradedWhileTheBrokerIsDownAndMessagesFlowAgainAfterReconnecting() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.persistent(Files.createDirectory(dir.resolve("broker")))) {
            String clientId = unique("reconnect");
            String topic = "/default/" + clientId;
            SourceRuntime runtime = connector(mosquitto, clientId, topic);
            Consumer reader = subscribe(topic);

            mosquitto.stop();
            awaitMqtt(runtime, HealthStatus.DEGRADED);
            assertThat(runtime.health().snapshot().status()).isEqualTo(HealthStatus.DEGRADED);
            mosquitto.start();

            assertPublishedThrough(mosquitto, runtime, reader, clientId, "after-reconnect");
        }
    }

    @Test
    void aReconnectToABrokerThatLostTheSessionIsCountedAndSubscribesAgain() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.plain(Files.createDirectory(dir.resolve("broker")))) {
            String clientId = unique("lost-session");
            String topic = "/default/" + clientId;
            SourceRuntime runtime = connector(mosquitto, clientId, topic);
            Consumer reader = subscribe(topic);

            mosquitto.stop();
            awaitMqtt(runtime, HealthStatus.DEGRADED);
            mosquitto.start();

            assertPublishedThrough(mosquitto, runtime, reader, clientId, "after-lost-session");
            assertThat(runtime.metrics().scrape()).contains("mqtt_sessions_lost_total{connector=\""
                                                            + runtime.health().snapshot().connector() + "\"} 1.0");
        }
    }

    @Test
    void connectorStartedWhileTheBrokerIsDownKeepsConnectingAndPublishesOnceItIsUp() throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.persistent(Files.createDirectory(dir.resolve("broker")))) {
            String clientId = unique("late-broker");
            String topic = "/default/" + clientId;
            mosquitto.stop();
            SourceRuntime runtime = startConnector(load(dir, coreToml(unique("late")) + """
                    [mqtt]
                    url = "%s"
                    client_id = "%s"
                    reconnect_max_delay_secs = 1
                    [[mqtt.routes]]
                    from = "%s/#"
                    to = "%s"
                    """.formatted(mosquitto.tcpUrl(), clientId, clientId, topic)));
            Consumer reader = subscribe(topic);
            await("failed connect attempts").atMost(Duration.ofSeconds(20)).until(() -> {
                ComponentHealth mqtt = runtime.health().snapshot().components().get("mqtt");
                return mqtt != null && mqtt.status() == HealthStatus.DEGRADED
                       && !mqtt.detail().contains("not connected yet");
            });

            mosquitto.start();

            assertPublishedThrough(mosquitto, runtime, reader, clientId, "after-late-connect");
        }
    }
}
