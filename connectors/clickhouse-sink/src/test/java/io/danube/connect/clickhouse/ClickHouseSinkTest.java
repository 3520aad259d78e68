package io.danube.connect.clickhouse;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The connector in the SDK runtime, fed by the embedded broker, writing into the local ClickHouse on 8123. */
class ClickHouseSinkTest extends SinkTestSupport {

    private static ClickHouseDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = ClickHouseDatabase.create(ClickHouseServer.shared(), "clickhouse_sink_test");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private SinkRuntime startSink(List<Map<String, Object>> routes, int batchSize, Object... settings) {
        return start(new ClickHouseSinkConnector(), config(clickhouse(ClickHouseServer.SHARED_URL, database.name(),
                routes, settings), batchSize));
    }

    private String table(String name) {
        return database.name() + "." + name;
    }

    @Test
    void oneConnectorWritesTheEventsAndMetricsTopicsIntoTwoTablesOfOneDatabase() {
        String events = uniqueName("events");
        String metrics = uniqueName("metrics");
        database.server().execute("CREATE TABLE " + table(metrics) + " (name String, value Float64, host String)"
                                  + " ENGINE = MergeTree ORDER BY name");
        String eventsTopic = uniqueTopic("analytics-events");
        String metricsTopic = uniqueTopic("analytics-metrics");
        Producer eventsProducer = producer(eventsTopic);
        Producer metricsProducer = producer(metricsTopic);
        startSink(List.of(
                route(eventsTopic, events, "auto_create", true, "metadata_columns", true, "columns", List.of(
                        column("$.type", "event_type", "String"),
                        column("$.user.id", "user_id", "UInt64"),
                        column("$.at", "at", "DateTime"))),
                route(metricsTopic, metrics)), 50);

        publish(eventsProducer, IntStream.range(0, 30).mapToObj(i -> "{\"type\":\"click\",\"user\":{\"id\":" + i
                + "},\"at\":\"2026-05-01T10:00:" + String.format("%02d", i) + "Z\"}").toList());
        publish(metricsProducer, IntStream.range(0, 20).mapToObj(i -> "{\"name\":\"cpu\",\"value\":" + i
                + ".5,\"host\":\"h" + i % 2 + "\",\"unit\":\"percent\"}").toList());

        await("both tables").atMost(Duration.ofSeconds(20))
                .until(() -> database.count(events) == 30 && database.count(metrics) == 20);
        assertThat(database.server().rows("SELECT event_type, sum(user_id), min(at), max(at) FROM " + table(events)
                                          + " GROUP BY event_type"))
                .containsExactly(List.of("click", "435", "2026-05-01 10:00:00", "2026-05-01 10:00:29"));
        assertThat(database.server().rows("SELECT host, count(), sum(value) FROM " + table(metrics)
                                          + " GROUP BY host ORDER BY host"))
                .containsExactly(List.of("h0", "10", "95"), List.of("h1", "10", "105"));
    }

    @Test
    void autoCreateMakesAMergeTreeWithTheMappedTypesAndTheMetadataColumnsSayWhereEachRowCameFrom() {
        String table = uniqueName("created");
        String topic = uniqueTopic("created");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table, "auto_create", true, "metadata_columns", true, "partition_by",
                "toYYYYMM(day)", "columns", List.of(
                        column("$.device", "device", "String"),
                        column("$.reading.value", "value", "Nullable(Float64)"),
                        column("$.reading.count", "count", "Int32"),
                        column("$.day", "day", "Date"),
                        column("$.tags", "tags", "String")))), 10);

        publish(producer, "{\"device\":\"pump-1\",\"reading\":{\"value\":12.25,\"count\":\"7\"},\"day\":\"2026-01-02\","
                          + "\"tags\":{\"a\":[1,2]}}",
                "{\"device\":\"pump-2\",\"reading\":{\"count\":-3},\"day\":\"2026-02-03\"}");

        await("rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 2);
        assertThat(database.server().rows("SELECT name, type FROM system.columns WHERE database = '"
                                          + database.name() + "' AND table = '" + table + "'"))
                .containsExactly(List.of("device", "String"), List.of("value", "Nullable(Float64)"),
                        List.of("count", "Int32"), List.of("day", "Date"), List.of("tags", "String"),
                        List.of("danube_topic", "String"), List.of("danube_offset", "UInt64"),
                        List.of("danube_publish_time", "DateTime"), List.of("danube_producer", "String"));
        assertThat(database.server().rows("SELECT engine, sorting_key, partition_key FROM system.tables WHERE"
                                          + " database = '" + database.name() + "' AND name = '" + table + "'"))
                .containsExactly(List.of("MergeTree", "danube_topic, danube_offset", "toYYYYMM(day)"));
        List<List<String>> rows = database.server().rows("SELECT device, value, count, day, tags, danube_topic,"
                + " danube_offset, danube_producer, toUnixTimestamp(danube_publish_time) FROM " + table(table)
                + " ORDER BY danube_offset");
        assertThat(rows).extracting(row -> row.subList(0, 8)).containsExactly(
                List.of("pump-1", "12.25", "7", "2026-01-02", "{\"a\":[1,2]}", topic, "0", producer.name()),
                List.of("pump-2", "\\N", "-3", "2026-02-03", "", topic, "1", producer.name()));
        assertThat(Instant.ofEpochSecond(Long.parseLong(rows.get(0).get(8))))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void automaticMappingWritesTheKeysOfAJsonObjectToTheSameNamedColumnsAndSkipsUnknownKeys() {
        String table = uniqueName("auto");
        database.server().execute("CREATE TABLE " + table(table) + " (id UInt32, label String, ok UInt8,"
                                  + " at DateTime, note Nullable(String), scores Array(Int32), doc String)"
                                  + " ENGINE = MergeTree ORDER BY id");
        String topic = uniqueTopic("auto");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table)), 10, "compression", "none");

        publish(producer, "{\"id\":1,\"label\":\"a\",\"ok\":true,\"at\":\"2026-03-01T10:00:00Z\",\"note\":null,"
                          + "\"scores\":[1,2],\"doc\":{\"k\":\"v\"},\"unknown\":42}",
                "{\"id\":2,\"label\":\"b\",\"ok\":false,\"at\":\"2026-03-01 11:00:00\",\"note\":\"n\"}");

        await("rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 2);
        assertThat(database.server().rows("SELECT id, label, ok, toUnixTimestamp(at), note, scores, doc FROM "
                                          + table(table) + " ORDER BY id"))
                .containsExactly(
                        List.of("1", "a", "1", epoch("2026-03-01T10:00:00"), "\\N", "[1,2]", "{\"k\":\"v\"}"),
                        List.of("2", "b", "0", epoch("2026-03-01T11:00:00"), "n", "[]", ""));
    }

    @Test
    void refusedUnknownKeysSendTheRowToTheDeadLetterTopicWithTheServersMessage() {
        String table = uniqueName("strict");
        database.server().execute("CREATE TABLE " + table(table) + " (id UInt32) ENGINE = MergeTree ORDER BY id");
        String topic = uniqueTopic("strict");
        Producer producer = producer(topic);
        producer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        startSink(List.of(route(topic, table)), 10, "skip_unknown_fields", false);

        publish(producer, "{\"id\":1}", "{\"id\":2,\"extra\":true}", "{\"id\":3}");

        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(20)).orElseThrow();
        assertThat(new String(dead.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":2,\"extra\":true}");
        assertThat(dead.attributes().get("dlq.error")).contains("code 117").contains("Unknown field");
        await("other rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 2);
    }

    @Test
    void ofAThousandRowsTheThreeBadOnesGoToTheDeadLetterTopicWithTheirReasonsAndTheOthersAreWritten() {
        String table = uniqueName("orders");
        database.server().execute("CREATE TABLE " + table(table) + " (id UInt64, amount Int32, customer String)"
                                  + " ENGINE = MergeTree ORDER BY id");
        String topic = uniqueTopic("orders");
        Producer producer = producer(topic);
        producer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        SinkRuntime runtime = startSink(List.of(route(topic, table)), 1_000);
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            payloads.add(switch (i) {
                case 100 -> "{\"id\":100,\"amount\":oops";
                case 500 -> "{\"id\":500,\"amount\":\"lots\",\"customer\":\"c500\"}";
                case 900 -> "{\"id\":\"nine hundred\",\"amount\":900,\"customer\":\"c900\"}";
                default -> "{\"id\":" + i + ",\"amount\":" + i + ",\"customer\":\"c" + i + "\"}";
            });
        }

        publish(producer, payloads);

        await("good rows").atMost(Duration.ofSeconds(60)).until(() -> database.count(table) == 997);
        List<ReceivedMessage> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dead.add(deadLetters.receive(Duration.ofSeconds(10)).orElseThrow());
            deadLetters.ack(dead.get(i));
        }
        assertThat(dead).extracting(message -> new String(message.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(payloads.get(100), payloads.get(500), payloads.get(900));
        assertThat(dead).extracting(message -> message.attributes().get("dlq.error")).satisfiesExactlyInAnyOrder(
                error -> assertThat(error).contains("not JSON"),
                error -> assertThat(error).contains("ClickHouse rejected the row").contains("key amount"),
                error -> assertThat(error).contains("ClickHouse rejected the row").contains("key id"));
        assertThat(database.server().count("SELECT count() FROM " + table(table) + " WHERE id IN (100, 500, 900)"))
                .isZero();
        assertThat(database.server().count("SELECT uniqExact(id) FROM " + table(table))).isEqualTo(997);
        assertThat(stop(runtime)).isZero();
        assertThat(drain(subscribe(topic, "clickhouse-test"), Duration.ofMillis(2_000))).isEmpty();
        assertThat(drain(deadLetters, Duration.ofMillis(500))).isEmpty();
    }

    private static String epoch(String utc) {
        return Long.toString(LocalDateTime.parse(utc).toEpochSecond(ZoneOffset.UTC));
    }
}
