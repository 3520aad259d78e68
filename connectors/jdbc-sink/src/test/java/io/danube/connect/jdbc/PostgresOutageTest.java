package io.danube.connect.jdbc;

import io.danube.client.producer.Producer;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL made unreachable for the connector mid-stream without touching the shared cluster: the connector logs in
 * with its own role, whose LOGIN is revoked and whose sessions are terminated for about ten seconds.
 */
class PostgresOutageTest extends SinkTestSupport {

    private static PostgresDatabase database;
    private static String role;

    @BeforeAll
    static void createDatabaseAndRole() {
        database = PostgresDatabase.create("jdbc_sink_outage");
        role = database.name() + "_writer";
        database.execute("CREATE ROLE " + role + " LOGIN",
                "GRANT ALL ON DATABASE " + database.name() + " TO " + role,
                "GRANT ALL ON SCHEMA public TO " + role);
    }

    @AfterAll
    static void dropDatabaseAndRole() {
        try {
            database.close();
        } finally {
            adminExecute("DROP ROLE IF EXISTS " + role);
        }
    }

    private static void adminExecute(String sql) {
        try (var connection = java.sql.DriverManager.getConnection(PostgresDatabase.SERVER + "postgres",
                PostgresDatabase.ADMIN_USER, ""); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static void cutOff() {
        adminExecute("ALTER ROLE " + role + " NOLOGIN");
        adminExecute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
    }

    private static void restore() {
        adminExecute("ALTER ROLE " + role + " LOGIN");
    }

    @Test
    void anOutageDegradesHealthAndEveryMessageIsInTheTableAfterTheDatabaseReturns() throws Exception {
        String table = uniqueName("telemetry");
        database.execute("CREATE TABLE " + table + " (seq bigint PRIMARY KEY, device text)",
                "GRANT ALL ON TABLE " + table + " TO " + role);
        String topic = uniqueTopic("telemetry");
        Producer producer = producer(topic);
        SinkRuntime runtime = start(new JdbcSinkConnector(), config(jdbc(database.url(), role,
                        List.of(route(topic, table, "mode", "upsert", "key_columns", List.of("seq"))),
                        "connection_timeout_ms", 500), 100,
                new RetrySettings(3, Duration.ofMillis(200), Duration.ofMillis(1_000))));
        int total = 3_000;
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int chunk = 0; chunk < total / 100; chunk++) {
                int first = chunk * 100;
                publish(producer, IntStream.range(first, first + 100)
                        .mapToObj(i -> "{\"seq\":" + i + ",\"device\":\"d" + i % 7 + "\"}").toList());
                sent.addAndGet(100);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        try {
            await("streaming").atMost(Duration.ofSeconds(30)).until(() -> database.count(table) >= 500);

            cutOff();
            try {
                await("health degraded").atMost(Duration.ofSeconds(20))
                        .until(() -> runtime.health().snapshot().status() == HealthStatus.DEGRADED);
                long frozen = database.count(table);
                await("no writes while the database is unreachable").pollDelay(Duration.ofSeconds(8))
                        .atMost(Duration.ofSeconds(10)).until(() -> database.count(table) == frozen);
                assertThat(sent.get()).isGreaterThan(frozen);
            } finally {
                restore();
            }

            stream.get(60, java.util.concurrent.TimeUnit.SECONDS);
            await("every message written").atMost(Duration.ofSeconds(60))
                    .until(() -> database.count(table) == total);
            await("healthy again").atMost(Duration.ofSeconds(20))
                    .until(() -> runtime.health().snapshot().status() == HealthStatus.HEALTHY);
            assertThat(database.queryLongs("SELECT max(seq) FROM " + table)).containsExactly((long) total - 1);
        } finally {
            stream.cancel(true);
        }
    }
}
