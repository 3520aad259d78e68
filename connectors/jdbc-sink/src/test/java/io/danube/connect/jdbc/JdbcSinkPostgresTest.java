package io.danube.connect.jdbc;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JdbcSinkPostgresTest extends SinkTestSupport {

    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresDatabase.create("jdbc_sink_test");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private SinkRuntime startSink(List<java.util.Map<String, Object>> routes, int batchSize) {
        return start(new JdbcSinkConnector(), config(jdbc(database.url(), PostgresDatabase.ADMIN_USER, routes),
                batchSize));
    }

    @Test
    void insertModeMapsTheKeysOfAFlatJsonObjectToTheSameNamedColumnsOfAnExistingTable() {
        String table = uniqueName("readings");
        database.execute("CREATE TABLE " + table + " (device text, temperature double precision, seq bigint,"
                         + " ok boolean)");
        String topic = uniqueTopic("readings");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table)), 100);

        publish(producer, IntStream.range(0, 250).mapToObj(i -> "{\"device\":\"d" + (i % 5) + "\",\"temperature\":"
                + (20 + i * 0.5) + ",\"seq\":" + i + ",\"ok\":" + (i % 2 == 0) + ",\"ignored\":\"x\"}").toList());

        await("all rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 250);
        assertThat(database.query("SELECT device, temperature, seq, ok FROM " + table + " WHERE seq = 7"))
                .containsExactly(List.of("d2", 23.5, 7L, false));
    }

    @Test
    void autoCreateBuildsTheTableFromTheFirstMessageAndMetadataColumnsRecordWhereEachRowCameFrom() {
        String table = uniqueName("events");
        String topic = uniqueTopic("events");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table, "auto_create", true, "metadata_columns", true)), 10);

        publish(producer, "{\"name\":\"boot\",\"count\":3,\"ratio\":0.5,\"flag\":true,\"tags\":{\"a\":1}}",
                "{\"name\":\"stop\",\"count\":4,\"ratio\":1.5,\"flag\":false,\"tags\":null}");

        await("rows").atMost(Duration.ofSeconds(20)).until(() -> tableExists(table) && database.count(table) == 2);
        assertThat(database.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '"
                                  + table + "' ORDER BY ordinal_position"))
                .containsExactly(List.of("name", "text"), List.of("count", "bigint"),
                        List.of("ratio", "double precision"), List.of("flag", "boolean"), List.of("tags", "jsonb"),
                        List.of("danube_topic", "text"), List.of("danube_offset", "bigint"),
                        List.of("danube_publish_time", "timestamp with time zone"),
                        List.of("danube_producer", "text"));
        List<List<Object>> rows = database.query("SELECT name, count, tags::text, danube_topic, danube_offset,"
                                                 + " danube_producer, danube_publish_time FROM " + table
                                                 + " ORDER BY danube_offset");
        assertThat(rows).extracting(row -> row.subList(0, 6)).containsExactly(
                List.of("boot", 3L, "{\"a\": 1}", topic, 0L, producer.name()),
                java.util.Arrays.asList("stop", 4L, null, topic, 1L, producer.name()));
        assertThat(((java.sql.Timestamp) rows.get(0).get(6)).toInstant())
                .isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
    }

    @Test
    void explicitMappingsReadNestedJsonPathsIntoTypedColumns() {
        String table = uniqueName("measurements");
        database.execute("CREATE TABLE " + table + " (device_id text, reading numeric(10,2), taken_at timestamptz,"
                         + " day date, first_tag text, payload_extra jsonb)");
        String topic = uniqueTopic("measurements");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table, "columns", List.of(
                column("$.device", "device_id", "text"),
                column("$.reading.value", "reading", "numeric"),
                column("$.reading.at", "taken_at", "timestamp"),
                column("$.day", "day", "date"),
                column("$.tags[0]", "first_tag", "text"),
                column("$.extra", "payload_extra", "json")))), 10);

        publish(producer, "{\"device\":\"pump-1\",\"reading\":{\"value\":\"12.25\",\"at\":\"2026-01-02T03:04:05Z\"},"
                          + "\"day\":\"2026-01-02\",\"tags\":[\"hot\",\"x\"],\"extra\":{\"k\":[1,2]}}");

        await("row").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 1);
        List<Object> row = database.query("SELECT device_id, reading, taken_at, day::text, first_tag,"
                                          + " payload_extra::text FROM " + table).get(0);
        assertThat(row.get(0)).isEqualTo("pump-1");
        assertThat(row.get(1)).isEqualTo(new BigDecimal("12.25"));
        assertThat(((java.sql.Timestamp) row.get(2)).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05Z").toInstant());
        assertThat(row.subList(3, 6)).containsExactly("2026-01-02", "hot", "{\"k\": [1, 2]}");
    }

    @Test
    void upsertModeUpdatesTheRowOfAnExistingKeyInsteadOfAddingOne() {
        String table = uniqueName("devices");
        String topic = uniqueTopic("devices");
        Producer producer = producer(topic);
        startSink(List.of(route(topic, table, "mode", "upsert", "key_columns", List.of("id"), "auto_create", true)),
                10);

        publish(producer, "{\"id\":1,\"state\":\"on\"}", "{\"id\":2,\"state\":\"on\"}");
        await("first rows").atMost(Duration.ofSeconds(20))
                .until(() -> tableExists(table) && database.count(table) == 2);
        publish(producer, "{\"id\":1,\"state\":\"off\"}", "{\"id\":1,\"state\":\"broken\"}");

        await("updated").atMost(Duration.ofSeconds(20)).until(() -> database.query("SELECT state FROM " + table
                + " WHERE id = 1").equals(List.of(List.of("broken"))));
        assertThat(database.count(table)).isEqualTo(2);
    }

    @Test
    void oneConnectorWritesTwoTopicsIntoTwoTables() {
        String events = uniqueName("analytics_events");
        String metrics = uniqueName("analytics_metrics");
        database.execute("CREATE TABLE " + events + " (kind text, at bigint)",
                "CREATE TABLE " + metrics + " (name text, value double precision)");
        String eventsTopic = uniqueTopic("analytics-events");
        String metricsTopic = uniqueTopic("analytics-metrics");
        Producer eventsProducer = producer(eventsTopic);
        Producer metricsProducer = producer(metricsTopic);
        startSink(List.of(route(eventsTopic, events), route(metricsTopic, metrics)), 50);

        publish(eventsProducer, IntStream.range(0, 30).mapToObj(i -> "{\"kind\":\"click\",\"at\":" + i + "}")
                .toList());
        publish(metricsProducer, IntStream.range(0, 20).mapToObj(i -> "{\"name\":\"cpu\",\"value\":" + i + ".5}")
                .toList());

        await("both tables").atMost(Duration.ofSeconds(20))
                .until(() -> database.count(events) == 30 && database.count(metrics) == 20);
        assertThat(database.queryLongs("SELECT sum(at) FROM " + events)).containsExactly(435L);
    }

    @Test
    void poisonRowsGoToTheDeadLetterTopicWithTheReasonWhileTheOtherRowsOfTheBatchCommit() {
        String table = uniqueName("orders");
        database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, amount integer CHECK (amount >= 0),"
                         + " customer text)");
        String topic = uniqueTopic("orders");
        Producer producer = producer(topic);
        producer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        SinkRuntime runtime = startSink(List.of(route(topic, table, "columns", List.of(
                required(column("$.id", "id", "bigint")), column("$.amount", "amount", "integer"),
                column("$.customer", "customer", "text")), "key_columns", List.of())), 1_000);
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            payloads.add(switch (i) {
                case 100 -> "{\"id\":100,\"amount\":oops";
                case 500 -> "{\"amount\":5,\"customer\":\"no id\"}";
                case 900 -> "{\"id\":900,\"amount\":-1,\"customer\":\"negative\"}";
                default -> "{\"id\":" + i + ",\"amount\":" + i + ",\"customer\":\"c" + i + "\"}";
            });
        }

        publish(producer, payloads);

        await("good rows").atMost(Duration.ofSeconds(30)).until(() -> database.count(table) == 997);
        List<ReceivedMessage> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dead.add(deadLetters.receive(Duration.ofSeconds(10)).orElseThrow());
        }
        assertThat(dead).extracting(message -> new String(message.payload(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(payloads.get(100), payloads.get(500), payloads.get(900));
        assertThat(dead).extracting(message -> message.attributes().get("dlq.error")).satisfiesExactlyInAnyOrder(
                error -> assertThat(error).contains("not JSON"),
                error -> assertThat(error).contains("required field $.id"),
                error -> assertThat(error).contains("SQLSTATE 23514").contains("check constraint"));
        assertThat(database.queryLongs("SELECT count(*) FROM " + table + " WHERE id IN (100, 500, 900)"))
                .containsExactly(0L);
        assertThat(stop(runtime)).isZero();
        assertThat(drain(subscribe(topic, "jdbc-test"), Duration.ofMillis(2_000))).isEmpty();
        assertThat(drain(deadLetters, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void copyModeWritesEveryRowWithCopyAndStillIsolatesABadRow() {
        String table = uniqueName("copied");
        database.execute("CREATE TABLE " + table + " (id bigint, label text, amount integer CHECK (amount >= 0),"
                         + " at timestamptz, doc jsonb)");
        String topic = uniqueTopic("copied");
        Producer producer = producer(topic);
        producer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        startSink(List.of(route(topic, table, "copy", true)), 200);

        publish(producer, IntStream.range(0, 200).mapToObj(i -> i == 77
                ? "{\"id\":77,\"label\":\"bad\",\"amount\":-3}"
                : "{\"id\":" + i + ",\"label\":\"say \\\"hi\\\", ok\",\"amount\":" + i
                  + ",\"at\":\"2026-03-01T10:00:00Z\",\"doc\":{\"n\":" + i + "}}").toList());

        await("good rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 199);
        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(10)).orElseThrow();
        assertThat(dead.attributes().get("dlq.error")).contains("SQLSTATE 23514");
        assertThat(database.query("SELECT label, doc::text, at IS NOT NULL FROM " + table + " WHERE id = 5"))
                .containsExactly(List.of("say \"hi\", ok", "{\"n\": 5}", true));
        assertThat(database.query("SELECT count(*) FROM " + table + " WHERE label IS NULL OR label = ''").get(0))
                .containsExactly(0L);
    }

    @Test
    void aDuplicateKeyInInsertModeIsADataErrorThatOnlyRejectsTheDuplicate() {
        String table = uniqueName("unique_ids");
        database.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY)");
        String topic = uniqueTopic("unique");
        Producer producer = producer(topic);
        producer(topic + "-dlq");
        Consumer deadLetters = subscribe(topic + "-dlq", "dlq-reader");
        startSink(List.of(route(topic, table)), 10);

        publish(producer, "{\"id\":1}", "{\"id\":2}", "{\"id\":1}", "{\"id\":3}");

        ReceivedMessage dead = deadLetters.receive(Duration.ofSeconds(20)).orElseThrow();
        assertThat(dead.attributes().get("dlq.error")).contains("SQLSTATE 23505");
        await("other rows").atMost(Duration.ofSeconds(20)).until(() -> database.count(table) == 3);
    }

    private static java.util.Map<String, Object> required(java.util.Map<String, Object> column) {
        column.put("required", true);
        return column;
    }

    private static boolean tableExists(String table) {
        return !database.query("SELECT 1 FROM information_schema.tables WHERE table_name = '" + table + "'")
                .isEmpty();
    }
}
