package io.danube.connect.clickhouse;

import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.config.ConnectorConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's write path called directly (no broker) against the local ClickHouse. */
class ClickHouseWritePathTest {

    private static ClickHouseDatabase database;
    private CamelContext camel;
    private ClickHouseSinkConnector connector;

    @BeforeAll
    static void createDatabase() {
        database = ClickHouseDatabase.create(ClickHouseServer.shared(), "clickhouse_sink_write");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.shutdown();
        }
        camel.close();
    }

    private void initialize(Map<String, Object> route, Object... settings) {
        Map<String, Object> clickhouse = new LinkedHashMap<>();
        clickhouse.put("url", ClickHouseServer.SHARED_URL);
        clickhouse.put("database", database.name());
        clickhouse.put("routes", List.of(route));
        for (int i = 0; i < settings.length; i += 2) {
            clickhouse.put((String) settings[i], settings[i + 1]);
        }
        connector = new ClickHouseSinkConnector();
        connector.initialize(ConnectorContext.of(ConnectorConfig.builder().danubeServiceUrl("http://127.0.0.1:6650")
                .connectorName("clickhouse-write-path").section("clickhouse", clickhouse).build(), camel));
        connector.start();
    }

    private static List<SinkRecord> records(String topic, int count) {
        return IntStream.range(0, count).mapToObj(i -> new SinkRecord("write-path", topic, topic, "m" + i, i,
                1_780_000_000_000L + i, "writer", null, Map.of(), null,
                ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Test
    void aRedeliveredBatchLeavesOneRowPerMessageInAReplacingMergeTreeKeyedOnTheDanubePosition() {
        String table = "redelivered";
        initialize(Map.of("from", "/default/redelivered", "to", table, "metadata_columns", true, "auto_create", true,
                "engine", "ReplacingMergeTree", "columns", List.of(Map.of("column", "id", "type", "UInt32"))));
        List<SinkRecord> batch = records("/default/redelivered", 200);

        connector.processBatch(batch);
        connector.processBatch(batch);

        String qualified = database.name() + "." + table;
        assertThat(database.server().count("SELECT count() FROM " + qualified + " FINAL")).isEqualTo(200);
        database.server().execute("OPTIMIZE TABLE " + qualified + " FINAL");
        assertThat(database.server().count("SELECT count() FROM " + qualified)).isEqualTo(200);
    }

    @Test
    void anUnknownUserIsARetryableFailureAndFailsTheHealthCheck() {
        database.server().execute("CREATE TABLE " + database.name() + ".guarded (id UInt32) ENGINE = MergeTree"
                                  + " ORDER BY id");
        initialize(Map.of("from", "/default/guarded", "to", "guarded"), "user", "nobody", "password", "x");

        assertThatThrownBy(() -> connector.processBatch(records("/default/guarded", 3)))
                .isInstanceOf(RetryableException.class).hasMessageContaining("code 192");
        assertThatThrownBy(connector::healthCheck).isInstanceOf(RetryableException.class)
                .hasMessageContaining("Unknown user nobody");
        assertThat(database.count("guarded")).isZero();
    }

    @Test
    void aMissingTableIsRetriedNotDeadLettered() {
        initialize(Map.of("from", "/default/absent", "to", "absent"));

        assertThatThrownBy(() -> connector.processBatch(records("/default/absent", 3)))
                .isInstanceOf(RetryableException.class).hasMessageContaining("code 60");
    }
}
