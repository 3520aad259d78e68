package io.danube.connect.jdbc;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.testing.SinkRuntimeTestSupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JDBC sink's tests: {@link SinkRuntimeTestSupport} with builders for the {@code [jdbc]} section. */
abstract class SinkTestSupport extends SinkRuntimeTestSupport {

    /** A {@code [[jdbc.routes]]} entry as the config file would hold it. */
    static Map<String, Object> route(String from, String to, Object... keyValues) {
        return routeOn("jdbc-test", from, to, keyValues);
    }

    static Map<String, Object> jdbc(String url, String user, List<Map<String, Object>> routes, Object... keyValues) {
        Map<String, Object> jdbc = new LinkedHashMap<>();
        jdbc.put("url", url);
        if (user != null) {
            jdbc.put("user", user);
        }
        jdbc.put("pool_size", 2);
        jdbc.put("routes", routes);
        return with(jdbc, keyValues);
    }

    static ConnectorConfig config(Map<String, Object> jdbc, int batchSize, RetrySettings retry) {
        return sinkConfig("jdbc", jdbc, batchSize, retry);
    }

    static ConnectorConfig config(Map<String, Object> jdbc, int batchSize) {
        return config(jdbc, batchSize, quickRetries());
    }
}
