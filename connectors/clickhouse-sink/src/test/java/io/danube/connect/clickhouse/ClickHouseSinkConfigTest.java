package io.danube.connect.clickhouse;

import io.danube.connect.clickhouse.config.ClickHouseSettings;
import io.danube.connect.clickhouse.config.RouteConfig;
import io.danube.connect.clickhouse.config.TableEngine;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseSinkConfigTest {

    private static ClickHouseSettings settings(Map<String, Object> section) {
        return ConnectorConfig.builder().danubeServiceUrl("http://127.0.0.1:6650").connectorName("ch")
                .section("clickhouse", section).build().section("clickhouse", ClickHouseSettings.class);
    }

    private static Map<String, Object> section(Object... keyValues) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("url", "http://127.0.0.1:8123");
        section.put("routes", List.of(Map.of("from", "/default/events", "to", "events")));
        for (int i = 0; i < keyValues.length; i += 2) {
            section.put((String) keyValues[i], keyValues[i + 1]);
        }
        return section;
    }

    private static RouteConfig route(Map<String, Object> route) {
        return RouteConfig.from(settings(section("routes", List.of(route))).routes().get(0), 0, "ch");
    }

    private static Map<String, Object> column(String column, String type) {
        return Map.of("column", column, "type", type);
    }

    @Test
    void defaultsAreGzipTheDefaultDatabaseAndSkippingUnknownFields() {
        ClickHouseSettings settings = settings(section("url", "http://127.0.0.1:8123/"));

        assertThat(settings.url()).isEqualTo("http://127.0.0.1:8123");
        assertThat(settings.database()).isEqualTo("default");
        assertThat(settings.gzip()).isTrue();
        assertThat(settings.skipUnknownFields()).isTrue();
        assertThat(settings.connectTimeoutMs()).isEqualTo(5_000);
    }

    @Test
    void theUrlMustBeHttpOrHttpsWithoutAQuery() {
        assertThatThrownBy(() -> settings(section("url", "tcp://127.0.0.1:9000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.url");
        assertThatThrownBy(() -> settings(section("url", "http://127.0.0.1:8123/?user=x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("without a query");
    }

    @Test
    void aCaFileNeedsAnHttpsUrlAndCompressionIsGzipOrNone() {
        assertThatThrownBy(() -> settings(section("ca_file", "ca.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.ca_file");
        assertThatThrownBy(() -> settings(section("compression", "zstd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.compression");
    }

    @Test
    void metadataColumnsMakeTheDanubePositionTheDefaultSortKey() {
        RouteConfig route = route(Map.of("from", "/default/e", "to", "e", "metadata_columns", true));

        assertThat(route.orderBy()).containsExactly("danube_topic", "danube_offset");
        assertThat(route.engine()).isEqualTo(TableEngine.MERGE_TREE);
        assertThat(route.automaticMapping()).isTrue();
    }

    @Test
    void creatingATableNeedsTypedColumns() {
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e", "auto_create", true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].auto_create");
    }

    @Test
    void aReplacingMergeTreeNeedsASortKey() {
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e", "engine", "ReplacingMergeTree",
                "columns", List.of(column("id", "UInt64")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].order_by");
    }

    @Test
    void theSortKeyMustNameMappedColumns() {
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e", "order_by", List.of("nope"),
                "columns", List.of(column("id", "UInt64")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].order_by[0]");
    }

    @Test
    void unsupportedTypesAndBadIdentifiersAreNamed() {
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e",
                "columns", List.of(column("id", "Map(String, String)")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].columns[0].type");
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e; DROP TABLE x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].to");
        assertThatThrownBy(() -> route(Map.of("from", "/default/e", "to", "e", "partition_by", "x; DROP")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clickhouse.routes[0].partition_by");
    }

    @Test
    void typesAreNormalisedAndNullableIsKept() {
        RouteConfig route = route(Map.of("from", "/default/e", "to", "e", "columns", List.of(
                column("a", "Nullable(Int16)"), column("b", "Decimal(10,2)"), Map.of("column", "c"))));

        assertThat(route.columns()).extracting(column -> column.type().sql())
                .containsExactly("Nullable(Int16)", "Decimal(10, 2)", "String");
        assertThat(route.columns().get(0).type().nullable()).isTrue();
    }
}
