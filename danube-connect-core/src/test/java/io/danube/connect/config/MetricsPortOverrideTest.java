package io.danube.connect.config;

import io.danube.connect.config.ConnectorConfigLoader.Format;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsPortOverrideTest {

    private static final String CONFIG = """
            danube_service_url = "http://127.0.0.1:6650"
            connector_name = "ported"

            [processing]
            metrics_port = 9091
            """;

    @Test
    void metricsPortFromTheEnvironmentWinsOverTheFile() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of("METRICS_PORT", "19333"))
                .parse(CONFIG, Format.TOML, Map.of());

        assertThat(config.processing().metricsPort()).isEqualTo(19333);
    }
}
