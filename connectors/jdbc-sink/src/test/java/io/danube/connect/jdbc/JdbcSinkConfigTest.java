package io.danube.connect.jdbc;

import io.danube.connect.api.ConnectorContext;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.jdbc.config.JdbcSettings;
import io.danube.connect.jdbc.config.RouteConfig;
import io.danube.connect.jdbc.config.RouteSettings;
import io.danube.connect.jdbc.config.TableName;
import io.danube.connect.jdbc.write.SqlErrors;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcSinkConfigTest {

    private static ConfigException initializeFails(Map<String, Object> jdbc) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> connector(jdbc));
    }

    private static ConfigException startFails(Map<String, Object> jdbc) {
        JdbcSinkConnector connector = connector(jdbc);
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(connector::start);
    }

    private static JdbcSinkConnector connector(Map<String, Object> jdbc) {
        JdbcSinkConnector connector = new JdbcSinkConnector();
        connector.initialize(ConnectorContext.of(ConnectorConfig.builder().danubeServiceUrl("http://127.0.0.1:1")
                .connectorName("config-test").section("jdbc", jdbc).build(), new DefaultCamelContext()));
        return connector;
    }

    private static Map<String, Object> jdbc(Map<String, Object> route) {
        Map<String, Object> jdbc = new LinkedHashMap<>();
        jdbc.put("url", "jdbc:h2:mem:config_test");
        jdbc.put("routes", List.of(route));
        return jdbc;
    }

    private static Map<String, Object> route(Object... keyValues) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("from", "/iot/sensors");
        route.put("to", "sensor_readings");
        for (int i = 0; i < keyValues.length; i += 2) {
            route.put((String) keyValues[i], keyValues[i + 1]);
        }
        return route;
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRejectedNamingTheKey() {
        assertThat(initializeFails(jdbc(route("to", "readings; DROP TABLE x"))).key()).isEqualTo("jdbc.routes[0].to");
    }

    @Test
    void aColumnNameThatIsNotAPlainIdentifierIsRejectedNamingTheKey() {
        ConfigException error = initializeFails(jdbc(route("columns", List.of(Map.of("field", "$.a",
                "column", "a\"b")))));
        assertThat(error.key()).isEqualTo("jdbc.routes[0].columns[0].column");
    }

    @Test
    void upsertModeWithoutKeyColumnsIsRejected() {
        assertThat(initializeFails(jdbc(route("mode", "upsert"))).key()).isEqualTo("jdbc.routes[0].key_columns");
    }

    @Test
    void anUnknownModeOrColumnTypeIsRejected() {
        assertThat(initializeFails(jdbc(route("mode", "replace"))).key()).isEqualTo("jdbc.routes[0].mode");
        assertThat(initializeFails(jdbc(route("columns", List.of(Map.of("column", "a", "type", "blob"))))).key())
                .isEqualTo("jdbc.routes[0].columns[0].type");
    }

    @Test
    void aMalformedJsonPathIsRejected() {
        assertThat(initializeFails(jdbc(route("columns", List.of(Map.of("column", "a", "field", "$.a..b"))))).key())
                .isEqualTo("jdbc.routes[0].columns[0].field");
    }

    @Test
    void copyIsOnlyOfferedForInsertModeOnPostgres() {
        assertThat(initializeFails(jdbc(route("copy", true, "auto_create", true))).key())
                .isEqualTo("jdbc.routes[0].copy");
        assertThat(initializeFails(jdbc(route("copy", true, "mode", "upsert", "key_columns", List.of("id")))).key())
                .isEqualTo("jdbc.routes[0].copy");
    }

    @Test
    void anUnknownKeyIsRejectedNamingIt() {
        assertThat(initializeFails(jdbc(route("auto_creat", true))).key()).isEqualTo("jdbc.routes[0].auto_creat");
    }

    @Test
    void aMissingTableWithoutAutoCreateIsRejectedAtStart() {
        assertThat(startFails(jdbc(route())).getMessage()).contains("jdbc.routes[0].to")
                .contains("does not exist");
    }

    @Test
    void twoRoutesForTheSameTopicAreRejected() {
        Map<String, Object> jdbc = jdbc(route("auto_create", true));
        jdbc.put("routes", List.of(route("auto_create", true), route("to", "other", "auto_create", true)));
        assertThat(initializeFails(jdbc).key()).isEqualTo("jdbc.routes[1].from");
    }

    @Test
    void postgresUrlsGetBatchRewritingUnlessTheySetIt() {
        assertThat(settings("jdbc:postgresql://127.0.0.1:5432/test").effectiveUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true");
        assertThat(settings("jdbc:postgresql://127.0.0.1/test?ssl=false").effectiveUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1/test?ssl=false&reWriteBatchedInserts=true");
        assertThat(settings("jdbc:postgresql://127.0.0.1/test?reWriteBatchedInserts=false").effectiveUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1/test?reWriteBatchedInserts=false");
        assertThat(settings("jdbc:h2:mem:x").effectiveUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void routeDefaultsAreASharedSubscriptionNamedJdbcSinkAndTheTopicsDeadLetterTopic() {
        RouteConfig route = RouteConfig.from(new RouteSettings("/iot/sensors", null, null, null, "public.readings",
                null, null, null, null, null, null, null, null, null), 0, "demo");
        assertThat(route.consumer().subscription()).isEqualTo("jdbc-sink");
        assertThat(route.consumer().subscriptionType().endpointValue()).isEqualTo("Shared");
        assertThat(route.consumer().effectiveDeadLetterTopic()).isEqualTo("/iot/sensors-dlq");
        assertThat(route.table()).isEqualTo(new TableName("public", "readings"));
        assertThat(route.table().sql()).isEqualTo("\"public\".\"readings\"");
    }

    @Test
    void theSecretsComeFromTheEnvironment() {
        assertThat(new JdbcSinkConnector().secretEnvironment()).containsEntry("JDBC_PASSWORD", "jdbc.password");
    }

    private static JdbcSettings settings(String url) {
        return new JdbcSettings(url, null, null, null, null, List.of(new RouteSettings("/a/b", null, null, null,
                "t", null, null, null, null, null, null, null, null, null)), null, null);
    }

    @Test
    void aNegativePositionRetentionIsRejectedNamingTheKey() {
        Map<String, Object> jdbc = jdbc(route("delivery", "effectively_once"));
        jdbc.put("position_retention_offsets", -1);
        assertThat(initializeFails(jdbc).key()).isEqualTo("jdbc.position_retention_offsets");
    }

    @Test
    void aUrlThatIsNotJdbcIsRejected() {
        assertThatThrownBy(() -> settings("postgresql://127.0.0.1/test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("jdbc.url"));
    }

    @Test
    void aRejectedUrlIsQuotedWithItsPasswordMasked() {
        assertThatThrownBy(() -> settings("postgresql://app:hunter2@127.0.0.1/test?password=hunter2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("postgresql://app:***@127.0.0.1/test?password=***")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sqlErrorDescriptionsMaskCredentialsInUrls() {
        SQLException error = new SQLException("cannot open jdbc:h2:tcp://db/x;PASSWORD=hunter2", "08001");
        assertThat(SqlErrors.describe(error))
                .isEqualTo("SQLSTATE 08001: cannot open jdbc:h2:tcp://db/x;PASSWORD=***");
    }
}
