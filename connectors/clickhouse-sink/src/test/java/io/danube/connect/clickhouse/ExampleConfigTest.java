package io.danube.connect.clickhouse;

import io.danube.connect.clickhouse.config.ClickHouseSettings;
import io.danube.connect.clickhouse.config.RouteConfig;
import io.danube.connect.clickhouse.config.TableEngine;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleConfigTest {

    @Test
    void theExampleConfigRoutesEventsAndMetricsIntoTwoTablesWithThePasswordFromTheEnvironment() {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of("CLICKHOUSE_PASSWORD", "secret"))
                .load(Path.of("config/clickhouse-sink.toml"), new ClickHouseSinkConnector().secretEnvironment());
        ClickHouseSettings clickhouse = config.section("clickhouse", ClickHouseSettings.class);

        assertThat(clickhouse.password()).isEqualTo("secret");
        assertThat(clickhouse.gzip()).isTrue();
        List<RouteConfig> routes = List.of(RouteConfig.from(clickhouse.routes().get(0), 0, config.connectorName()),
                RouteConfig.from(clickhouse.routes().get(1), 1, config.connectorName()));
        assertThat(routes).extracting(RouteConfig::topic, RouteConfig::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/analytics/events", "events"),
                        org.assertj.core.groups.Tuple.tuple("/analytics/metrics", "metrics"));
        assertThat(routes.get(0).engine()).isEqualTo(TableEngine.REPLACING_MERGE_TREE);
        assertThat(routes.get(0).columns()).hasSize(4);
        assertThat(config.connectorClass()).contains(ClickHouseSinkConnector.class.getName());
    }
}
