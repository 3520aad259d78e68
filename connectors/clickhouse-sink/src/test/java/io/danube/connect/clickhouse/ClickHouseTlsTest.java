package io.danube.connect.clickhouse;

import io.danube.connect.api.RetryableException;
import io.danube.connect.api.SinkRecord;
import io.danube.connect.config.ConfigPaths;
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

/** HTTPS to a private ClickHouse whose self-signed certificate is trusted through {@code ca_file}. */
class ClickHouseTlsTest {

    private static PrivateClickHouse clickHouse;
    private CamelContext camel;
    private ClickHouseSinkConnector connector;

    @BeforeAll
    static void startPrivateServer() {
        clickHouse = PrivateClickHouse.startWithTls();
        clickHouse.server().execute("CREATE TABLE default.secured (id UInt32) ENGINE = MergeTree ORDER BY id");
    }

    @AfterAll
    static void stopPrivateServer() throws Exception {
        clickHouse.close();
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

    private void initialize(Object... settings) {
        Map<String, Object> clickhouse = new LinkedHashMap<>();
        clickhouse.put("url", clickHouse.httpsUrl());
        clickhouse.put("routes", List.of(Map.of("from", "/default/secured", "to", "secured")));
        for (int i = 0; i < settings.length; i += 2) {
            clickhouse.put((String) settings[i], settings[i + 1]);
        }
        connector = new ClickHouseSinkConnector();
        connector.initialize(ConnectorContext.of(ConnectorConfig.builder().danubeServiceUrl("http://127.0.0.1:6650")
                .connectorName("clickhouse-tls").paths(ConfigPaths.besideFile(clickHouse.certificate()))
                .section("clickhouse", clickhouse).build(), camel));
    }

    private static List<SinkRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new SinkRecord("tls-test", "/default/secured", "/default/secured",
                "m" + i, i, 1_780_000_000_000L, "writer", null, Map.of(), null,
                ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Test
    void rowsAreWrittenOverHttpsWhenTheCaFileTrustsTheServersCertificate() {
        initialize("ca_file", clickHouse.certificate().getFileName().toString());

        connector.healthCheck();
        connector.processBatch(records(25));

        assertThat(clickHouse.server().count("SELECT count() FROM default.secured")).isEqualTo(25);
    }

    @Test
    void withoutTheCaFileTheUntrustedCertificateIsARetryableFailure() {
        initialize();

        assertThatThrownBy(() -> connector.processBatch(records(1))).isInstanceOf(RetryableException.class)
                .hasMessageContaining("not reachable").hasMessageContaining("SSLHandshakeException");
    }
}
