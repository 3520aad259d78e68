package io.danube.connect.jdbc;

import io.danube.client.producer.Producer;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UpsertIdempotencyTest extends SinkTestSupport {

    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.create("jdbc_sink_idem");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /**
     * The same 10 000 messages are published twice into the subscription's backlog. The first consumer commits a batch
     * but never acknowledges it (as if it crashed before the acks were sent) and is stopped. The restarted consumer
     * gets every message again, the already written ones included, and upsert mode leaves one row per message.
     */
    @Test
    void tenThousandMessagesDeliveredTwiceLeaveExactlyTenThousandRowsInUpsertMode() {
        String table = uniqueName("sensor_readings");
        String topic = uniqueTopic("sensor-readings");
        Producer producer = producer(topic);
        List<String> payloads = IntStream.range(0, 10_000)
                .mapToObj(i -> "{\"id\":" + i + ",\"device\":\"d" + i % 13 + "\",\"value\":" + i * 0.25 + "}")
                .toList();
        var jdbc = jdbc(database.url(), PostgresDatabase.ADMIN_USER, List.of(route(topic, table, "mode", "upsert",
                "key_columns", List.of("id"), "auto_create", true)));
        RetrySettings noRetry = new RetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10));

        CountDownLatch publishedTwice = new CountDownLatch(1);
        AckLosingSink crashing = new AckLosingSink(true, publishedTwice);
        SinkRuntime first = start(crashing, config(jdbc, 1_000, noRetry));
        publish(producer, payloads);
        publish(producer, payloads);
        publishedTwice.countDown();
        await("a batch committed without acknowledgement").atMost(Duration.ofSeconds(60))
                .until(() -> crashing.recordsWritten.get() >= 1_000);
        stop(first);
        long committedByTheFirst = database.count(table);

        AckLosingSink restarted = new AckLosingSink(false, new CountDownLatch(0));
        SinkRuntime second = start(restarted, config(jdbc, 1_000, noRetry));
        await("both copies of every message written").atMost(Duration.ofSeconds(120))
                .until(() -> restarted.recordsWritten.get() >= 2L * payloads.size());
        assertThat(stop(second)).isZero();

        assertThat(committedByTheFirst).isGreaterThanOrEqualTo(1_000);
        assertThat(database.count(table)).isEqualTo(10_000);
        assertThat(database.queryLongs("SELECT count(DISTINCT id) FROM " + table)).containsExactly(10_000L);
        assertThat(drain(subscribe(topic, "jdbc-test"), Duration.ofMillis(2_000))).isEmpty();
    }
}
