package io.danube.connect.mqtt;

import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.mqtt.config.MqttSection;
import io.danube.connect.mqtt.config.MqttSettingsParser;
import io.danube.connect.mqtt.config.MqttSourceSettings;
import io.danube.connect.mqtt.routing.Route;
import io.danube.connect.mqtt.routing.RoutingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code [mqtt]} section in both shapes users have, with the Rust connector's environment overrides. */
class MqttConfigTest {

    private static final String CORE = """
            danube_service_url = "http://127.0.0.1:6650"
            connector_name = "mqtt"
            """;

    @TempDir
    Path dir;

    private MqttSourceSettings parse(String mqtt, Map<String, String> environment) throws Exception {
        Path file = dir.resolve("mqtt.toml");
        Files.writeString(file, CORE + mqtt);
        ConnectorConfig config = new ConnectorConfigLoader(environment).load(file,
                new MqttSourceConnector().secretEnvironment());
        return MqttSettingsParser.parse(config.section("mqtt", MqttSection.class), config.paths());
    }

    private MqttSourceSettings parse(String mqtt) throws Exception {
        return parse(mqtt, Map.of());
    }

    @Test
    void rustConnectorFileLoadsWithItsDefaults() throws Exception {
        MqttSourceSettings settings = parse("""
                [mqtt]
                broker_host = "broker.local"
                client_id = "edge-1"
                use_tls = false
                keep_alive_secs = 30
                connection_timeout_secs = 10
                max_packet_size = 1048576
                clean_session = true
                include_metadata = false
                tcp_nodelay = true
                [[mqtt.routes]]
                from = "sensors/#"
                to = "/iot/sensors"
                qos = "AtLeastOnce"
                partitions = 8
                [[mqtt.routes]]
                from = "debug/#"
                to = "/iot/debug"
                qos = "AtMostOnce"
                """);

        assertThat(settings.connection().serverUri()).isEqualTo("tcp://broker.local:1883");
        assertThat(settings.connection().clientId()).isEqualTo("edge-1");
        assertThat(settings.connection().keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connection().cleanStart()).isTrue();
        assertThat(settings.connection().sessionExpiry()).isZero();
        assertThat(settings.includeMetadata()).isFalse();
        Route sensors = settings.routes().get(0);
        assertThat(sensors.qos()).isEqualTo(1);
        assertThat(sensors.partitions()).isEqualTo(8);
        assertThat(sensors.reliableDispatch()).isTrue();
        assertThat(sensors.key()).isInstanceOf(RoutingKey.MqttTopic.class);
        assertThat(settings.routes().get(1).reliableDispatch()).isFalse();
    }

    @Test
    void architectureDocumentMappingsLoadWithPersistentSessionsByDefault() throws Exception {
        MqttSourceSettings settings = parse("""
                [mqtt]
                url = "mqtts://broker.local"
                client_id = "edge-1"
                [[mqtt.topic_mappings]]
                mqtt_topic = "sensors/#"
                danube_topic = "/iot/sensors"
                partitions = 8
                [[mqtt.topic_mappings]]
                mqtt_topic = "debug/#"
                danube_topic = "/iot/debug"
                partitions = 1
                reliable = false
                qos = 0
                """);

        assertThat(settings.connection().serverUri()).isEqualTo("ssl://broker.local:8883");
        assertThat(settings.connection().cleanStart()).isFalse();
        assertThat(settings.connection().sessionExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.routes()).extracting(Route::danubeTopic).containsExactly("/iot/sensors", "/iot/debug");
        assertThat(settings.routes()).extracting(Route::partitions).containsExactly(8, 1);
        assertThat(settings.routes()).extracting(Route::reliableDispatch).containsExactly(true, false);
    }

    @Test
    void environmentOverridesTheBrokerAndTheSecrets() throws Exception {
        MqttSourceSettings settings = parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "from-file"
                [[mqtt.routes]]
                from = "a/#"
                to = "/default/a"
                """, Map.of("MQTT_BROKER_HOST", "mqtt.prod", "MQTT_BROKER_PORT", "8884", "MQTT_USE_TLS", "true",
                "MQTT_CLIENT_ID", "from-env", "MQTT_USERNAME", "svc", "MQTT_PASSWORD", "s3cret"));

        assertThat(settings.connection().serverUri()).isEqualTo("ssl://mqtt.prod:8884");
        assertThat(settings.connection().clientId()).isEqualTo("from-env");
        assertThat(settings.connection().username()).isEqualTo("svc");
        assertThat(settings.connection().password()).isEqualTo("s3cret");
    }

    @Test
    void exactlyOnceRoutesAreSubscribedAtLeastOnce() throws Exception {
        Route route = parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "orders/+"
                to = "/default/orders"
                qos = "ExactlyOnce"
                key = "user_property:order_id"
                """).routes().get(0);

        assertThat(route.qos()).isEqualTo(2);
        assertThat(route.subscribeQos()).isEqualTo(1);
        assertThat(route.key()).isEqualTo(new RoutingKey.UserProperty("order_id"));
    }

    @Test
    void routesKeepArrivalOrderUnlessTheyDeclareMoreSendsInFlight() throws Exception {
        MqttSourceSettings settings = parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "orders/#"
                to = "/default/orders"
                [[mqtt.topic_mappings]]
                mqtt_topic = "metrics/#"
                danube_topic = "/default/metrics"
                max_in_flight = 32
                """);

        assertThat(settings.routes()).extracting(Route::maxInFlight).containsExactly(1, 32);
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "a/#"
                to = "/default/a"
                max_in_flight = 0
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.routes[0].max_in_flight");
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "a/#"
                to = "/default/a"
                qos = "Sometimes"
                """)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.routes[0].qos");
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.topic_mappings]]
                mqtt_topic = "a/#/b"
                danube_topic = "/default/a"
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.topic_mappings[0].mqtt_topic");
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                [[mqtt.routes]]
                from = "a"
                to = "/default/a"
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.client_id");
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "a"
                to = "not-a-topic"
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.routes[0].to");
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.routes");
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                ca_file = "/nonexistent/ca.pem"
                [[mqtt.routes]]
                from = "a"
                to = "/default/a"
                """)).extracting(e -> ((ConfigException) e).key()).isEqualTo("mqtt.ca_file");
    }

    @Test
    void unknownKeyFailsNamingIt() {
        assertThatThrownBy(() -> parse("""
                [mqtt]
                broker_host = "127.0.0.1"
                client_id = "c"
                [[mqtt.routes]]
                from = "a"
                to = "/default/a"
                partitons = 3
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("mqtt.routes[0].partitons");
    }
}
