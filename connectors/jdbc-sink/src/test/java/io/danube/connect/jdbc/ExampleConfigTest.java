package io.danube.connect.jdbc;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.jdbc.config.JdbcSettings;
import io.danube.connect.jdbc.config.RouteConfig;
import io.danube.connect.jdbc.config.WriteMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleConfigTest {

    @Test
    void theExampleConfigLoadsWithTwoRoutesAndThePasswordFromTheEnvironment() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of("JDBC_PASSWORD", "secret"))
                .load(Path.of("config/jdbc-sink.toml"), new JdbcSinkConnector().secretEnvironment());
        JdbcSettings jdbc = config.section("jdbc", JdbcSettings.class);

        assertThat(jdbc.password()).isEqualTo("secret");
        assertThat(jdbc.routes()).hasSize(2);
        RouteConfig upsert = RouteConfig.from(jdbc.routes().get(1), 1, config.connectorName());
        assertThat(upsert.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(upsert.columns()).hasSize(4);
        assertThat(config.connectorClass()).contains(JdbcSinkConnector.class.getName());
    }
}
