package io.danube.connect.mqtt;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files with every key of the Rust MQTT source's config and example files (test resources {@code rust-files/},
 * written for this project) run unchanged between a private Mosquitto and the embedded broker; only the Rust
 * connector's environment variables point them there: {@code DANUBE_SERVICE_URL}, {@code MQTT_BROKER_HOST},
 * {@code MQTT_BROKER_PORT}, {@code MQTT_CLIENT_ID}.
 */
class RustConfigFilesTest extends PrivateMosquittoTestSupport {

    private void start(String name) throws Exception {
        Path file = Path.of(Objects.requireNonNull(getClass().getResource("/rust-files/" + name)).toURI());
        ConnectorConfig config = new ConnectorConfigLoader(Map.of(
                "DANUBE_SERVICE_URL", DANUBE.serviceUrl(),
                "MQTT_BROKER_HOST", "127.0.0.1",
                "MQTT_BROKER_PORT", String.valueOf(mosquitto.port()),
                "MQTT_CLIENT_ID", unique("rust-file")))
                .load(file, new MqttSourceConnector().secretEnvironment());
        startConnector(config);
    }

    /** Retained, so the connector gets it whether its subscription comes before or after the publish. */
    private void publishRetained(String topic, String payload) throws Exception {
        MqttClient publisher = publisher(mosquitto.tcpUrl());
        publisher.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, true, null));
    }

    private static String received(Consumer consumer) {
        Optional<ReceivedMessage> message = consumer.receive(Duration.ofSeconds(30));
        assertThat(message).as("a message on the route's topic").isPresent();
        consumer.ack(message.get());
        return text(message.get());
    }

    @Test
    void exampleFileWithSchemasOfEveryTypeRunsUnchanged() throws Exception {
        start("with-schemas.toml");
        Consumer readings = subscribe("/iot/line-readings");

        publishRetained("line/7/reading", "{\"machine\":\"m7\",\"value\":21.5}");

        assertThat(received(readings)).contains("\"machine\":\"m7\"", "\"value\":21.5");
    }

    @Test
    void dockerExampleFileWithTopicMappingsRunsUnchanged() throws Exception {
        start("docker-example.toml");
        Consumer wind = subscribe("/iot/yard-wind");

        publishRetained("yard/wind/gust", "{\"knots\":31}");

        assertThat(received(wind)).contains("\"knots\":31");
    }
}
