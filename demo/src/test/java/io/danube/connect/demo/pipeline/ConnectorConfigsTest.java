package io.danube.connect.demo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's connector configs are ordinary SDK config files. */
class ConnectorConfigsTest {

    private static final PipelineSettings SETTINGS = new PipelineSettings("http://127.0.0.1:6650", "127.0.0.1", 1883,
            "sensors/demo-ab12/#", "demo-ab12/probe", "/iot/demo-probe", "ab12", "/iot/sensors", "jdbc:h2:mem:demo_ab12;MODE=PostgreSQL", "sa",
            "demo_readings_ab12");

    private static ConnectorConfig load(String toml) {
        return new ConnectorConfigLoader(Map.of()).parse(toml, ConnectorConfigLoader.Format.TOML, Map.of());
    }

    @Test
    void theMqttSourceReadsTheRunsSensorTopicsIntoTheDanubeTopic() {
        ConnectorConfig config = load(ConnectorConfigs.mqttSource(SETTINGS));

        assertThat(config.danubeServiceUrl()).isEqualTo("http://127.0.0.1:6650");
        assertThat(config.connectorName()).isEqualTo("demo-mqtt-source-ab12");
        assertThat(config.processing().metricsPort()).isZero();
        JsonNode mqtt = config.rawSection("mqtt").orElseThrow();
        assertThat(mqtt.get("broker_port").asInt()).isEqualTo(1883);
        assertThat(mqtt.get("client_id").asText()).isEqualTo("demo-source-ab12");
        assertThat(mqtt.get("routes").get(0).get("from").asText()).isEqualTo("sensors/demo-ab12/#");
        assertThat(mqtt.get("routes").get(0).get("to").asText()).isEqualTo("/iot/sensors");
    }

    @Test
    void theReadinessProbeRouteComesAfterTheReadingsRoute() {
        JsonNode routes = load(ConnectorConfigs.mqttSource(SETTINGS)).rawSection("mqtt").orElseThrow().get("routes");

        assertThat(routes).hasSize(2);
        assertThat(routes.get(1).get("from").asText()).isEqualTo("demo-ab12/probe");
        assertThat(routes.get(1).get("to").asText()).isEqualTo("/iot/demo-probe");
    }

    @Test
    void theJdbcSinkInsertsTheDanubeTopicIntoATableItCreates() {
        ConnectorConfig config = load(ConnectorConfigs.jdbcSink(SETTINGS));

        assertThat(config.connectorName()).isEqualTo("demo-jdbc-sink-ab12");
        JsonNode jdbc = config.rawSection("jdbc").orElseThrow();
        assertThat(jdbc.get("url").asText()).isEqualTo("jdbc:h2:mem:demo_ab12;MODE=PostgreSQL");
        JsonNode route = jdbc.get("routes").get(0);
        assertThat(route.get("from").asText()).isEqualTo("/iot/sensors");
        assertThat(route.get("to").asText()).isEqualTo("demo_readings_ab12");
        assertThat(route.get("mode").asText()).isEqualTo("insert");
        assertThat(route.get("auto_create").asBoolean()).isTrue();
    }

    @Test
    void theWebhookSourceTakesUnauthenticatedJsonOnLoopbackIntoTheSameTopic() {
        ConnectorConfig config = load(ConnectorConfigs.webhookSource(SETTINGS));

        assertThat(config.connectorName()).isEqualTo("demo-webhook-source-ab12");
        assertThat(config.rawSection("server").orElseThrow().get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(config.rawSection("auth").orElseThrow().get("type").asText()).isEqualTo("none");
        JsonNode route = config.rawSection("routes").orElseThrow().get(0);
        assertThat(route.get("from").asText()).isEqualTo("/readings");
        assertThat(route.get("to").asText()).isEqualTo("/iot/sensors");
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(ConnectorConfigs.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
