package io.danube.connect.clickhouse;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.testing.SinkRuntimeTestSupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ClickHouse sink's tests: {@link SinkRuntimeTestSupport} with builders for the {@code [clickhouse]} section. */
abstract class SinkTestSupport extends SinkRuntimeTestSupport {

    /** A {@code [[clickhouse.routes]]} entry as the config file would hold it. */
    static Map<String, Object> route(String from, String to, Object... keyValues) {
        return routeOn("clickhouse-test", from, to, keyValues);
    }

    /** A {@code [clickhouse]} section writing into {@code database} of the server at {@code url}. */
    static Map<String, Object> clickhouse(String url, String database, List<Map<String, Object>> routes,
                                          Object... keyValues) {
        Map<String, Object> clickhouse = new LinkedHashMap<>();
        clickhouse.put("url", url);
        clickhouse.put("database", database);
        clickhouse.put("routes", routes);
        return with(clickhouse, keyValues);
    }

    static ConnectorConfig config(Map<String, Object> clickhouse, int batchSize, RetrySettings retry) {
        return sinkConfig("clickhouse", clickhouse, batchSize, retry);
    }

    static ConnectorConfig config(Map<String, Object> clickhouse, int batchSize) {
        return config(clickhouse, batchSize, quickRetries());
    }
}
