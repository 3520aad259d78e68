package io.danube.connect.clickhouse;

import io.danube.client.producer.Producer;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A private ClickHouse server stopped for about ten seconds mid-stream, then started again on the same data. */
class ClickHouseOutageTest extends SinkTestSupport {

    private static PrivateClickHouse clickHouse;

    @BeforeAll
    static void startPrivateServer() {
        clickHouse = PrivateClickHouse.start();
    }

    @AfterAll
    static void stopPrivateServer() throws Exception {
        clickHouse.close();
    }

    @Test
    void whileClickHouseIsDownHealthIsDegradedAndAfterItReturnsEveryRowIsWritten() throws Exception {
        String table = uniqueName("telemetry");
        String topic = uniqueTopic("telemetry");
        Producer producer = producer(topic);
        SinkRuntime runtime = start(new ClickHouseSinkConnector(), config(clickhouse(clickHouse.url(), "default",
                        List.of(route(topic, table, "auto_create", true, "metadata_columns", true, "engine",
                                "ReplacingMergeTree", "columns", List.of(column("$.seq", "seq", "UInt32"),
                                        column("$.device", "device", "String")))),
                        "connect_timeout_ms", 500, "request_timeout_ms", 2_000), 100,
                new RetrySettings(3, Duration.ofMillis(200), Duration.ofMillis(1_000))));
        List<String> firstHalf = IntStream.range(0, 1_000).mapToObj(ClickHouseOutageTest::reading).toList();
        List<String> secondHalf = IntStream.range(1_000, 2_000).mapToObj(ClickHouseOutageTest::reading).toList();
        ClickHouseServer server = clickHouse.server();
        publish(producer, firstHalf);
        await("streaming").atMost(Duration.ofSeconds(60)).until(() -> rows(server, table) >= 200);

        clickHouse.stopProcess();
        try {
            publish(producer, secondHalf);
            await("health degraded").atMost(Duration.ofSeconds(20))
                    .until(() -> runtime.health().snapshot().status() == HealthStatus.DEGRADED);
            await("not healthy while ClickHouse is down").during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> runtime.health().snapshot().status() != HealthStatus.HEALTHY);
        } finally {
            clickHouse.startProcess();
        }

        await("every message written").atMost(Duration.ofSeconds(90))
                .until(() -> server.count("SELECT uniqExact(seq) FROM default." + table) == 2_000);
        await("healthy again").atMost(Duration.ofSeconds(20))
                .until(() -> runtime.health().snapshot().status() == HealthStatus.HEALTHY);
        assertThat(server.count("SELECT count() FROM default." + table + " FINAL")).isEqualTo(2_000);
        assertThat(server.count("SELECT max(seq) FROM default." + table)).isEqualTo(1_999);
    }

    private static String reading(int seq) {
        return "{\"seq\":" + seq + ",\"device\":\"d" + seq % 7 + "\"}";
    }

    private static long rows(ClickHouseServer server, String table) {
        return server.count("EXISTS TABLE default." + table) == 1
                ? server.count("SELECT count() FROM default." + table) : 0;
    }
}
