package io.danube.connect.jdbc;

import io.danube.client.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** H2 2.3 in memory, the demo's stand-in database: insert with auto-create, and upsert through MERGE. */
class JdbcSinkH2Test extends SinkTestSupport {

    private final String url = "jdbc:h2:mem:" + uniqueName("jdbc_sink") + ";DB_CLOSE_DELAY=-1";

    @AfterEach
    void dropDatabase() throws Exception {
        stopEverything();
        execute("SHUTDOWN");
    }

    @Test
    void insertModeWithAutoCreateWritesEveryMessageIntoANewTable() {
        String topic = uniqueTopic("h2-readings");
        Producer producer = producer(topic);
        start(new JdbcSinkConnector(), config(jdbc(url, "sa", List.of(route(topic, "sensor_readings",
                "auto_create", true, "metadata_columns", true))), 50));

        publish(producer, IntStream.range(0, 120).mapToObj(i -> "{\"device\":\"d" + i % 3 + "\",\"value\":" + i
                + ".5,\"count\":" + i + ",\"meta\":{\"i\":" + i + "}}").toList());

        await("rows").atMost(Duration.ofSeconds(20)).until(() -> count("sensor_readings") == 120);
        assertThat(query("SELECT \"device\", \"value\", \"count\", \"danube_offset\" FROM \"sensor_readings\""
                         + " WHERE \"count\" = 4"))
                .containsExactly(List.of("d1", 4.5, 4L, 4L));
        assertThat(query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'sensor_readings'"
                         + " ORDER BY ORDINAL_POSITION"))
                .extracting(row -> row.get(0))
                .containsExactly("device", "value", "count", "meta", "danube_topic", "danube_offset",
                        "danube_publish_time", "danube_producer");
    }

    @Test
    void upsertModeMergesRowsByKey() throws SQLException {
        execute("CREATE TABLE \"devices\" (\"id\" BIGINT PRIMARY KEY, \"state\" VARCHAR)");
        String topic = uniqueTopic("h2-devices");
        Producer producer = producer(topic);
        start(new JdbcSinkConnector(), config(jdbc(url, "sa", List.of(route(topic, "devices", "mode", "upsert",
                "key_columns", List.of("id")))), 10));

        publish(producer, "{\"id\":1,\"state\":\"on\"}", "{\"id\":2,\"state\":\"on\"}");
        await("first rows").atMost(Duration.ofSeconds(20)).until(() -> count("devices") == 2);
        publish(producer, "{\"id\":2,\"state\":\"off\"}");

        await("merged").atMost(Duration.ofSeconds(20)).until(() -> query("SELECT \"state\" FROM \"devices\""
                + " WHERE \"id\" = 2").equals(List.of(List.of("off"))));
        assertThat(count("devices")).isEqualTo(2);
    }

    private long count(String table) {
        try {
            return ((Number) query("SELECT count(*) FROM \"" + table + "\"").get(0).get(0)).longValue();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<List<Object>> query(String sql) {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
