package io.danube.connect.jdbc;

import io.danube.client.consumer.SubscriptionType;
import io.danube.client.producer.Producer;
import io.danube.connect.config.RetrySettings;
import io.danube.connect.runtime.sink.SinkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code delivery = "effectively_once"} against the real PostgreSQL, the real MariaDB and H2: a sink that commits its
 * batches but loses their acknowledgements (as if it died right after the commit) gets them again from Danube, and the
 * table still holds each message exactly once.
 */
class EffectivelyOnceTest extends SinkTestSupport {

    private static final int MESSAGES = 2_000;
    private static final RetrySettings NO_RETRY = new RetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10));
    private static PostgresDatabase postgres;

    enum Database {
        POSTGRESQL, MARIADB, H2;

        String url() {
            return switch (this) {
                case POSTGRESQL -> postgres.url();
                case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/test";
                case H2 -> "jdbc:h2:mem:effectively_once;DB_CLOSE_DELAY=-1";
            };
        }

        String user() {
            return switch (this) {
                case POSTGRESQL -> PostgresDatabase.ADMIN_USER;
                case MARIADB -> "root";
                case H2 -> "sa";
            };
        }

        /** The name as the connector created it (quoted, so its case is kept). */
        String quoted(String name) {
            return this == MARIADB ? "`" + name + "`" : "\"" + name + "\"";
        }

        long count(String table) {
            return query("SELECT count(*) FROM " + quoted(table));
        }

        long query(String sql) {
            try (Connection connection = DriverManager.getConnection(url(), user(), "");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on " + this, e);
            }
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(url(), user(), "");
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed on " + this, e);
            }
        }

        void drop(String... tables) {
            try (Connection connection = DriverManager.getConnection(url(), user(), "");
                 Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    statement.execute("DROP TABLE IF EXISTS " + quoted(table));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("dropping " + List.of(tables) + " failed on " + this, e);
            }
        }
    }

    @BeforeAll
    static void createDatabase() {
        postgres = PostgresDatabase.create("jdbc_sink_once");
    }

    @AfterAll
    static void dropDatabase() {
        postgres.close();
    }

    private static List<String> payloads() {
        return IntStream.range(0, MESSAGES).mapToObj(i -> "{\"id\":" + i + ",\"device\":\"d" + i % 7 + "\"}")
                .toList();
    }

    private static Map<String, Object> jdbcFor(Database database, String topic, String table, String positions,
                                              Object... routeOptions) {
        Object[] options = new Object[routeOptions.length + 4];
        options[0] = "delivery";
        options[1] = "effectively_once";
        options[2] = "auto_create";
        options[3] = true;
        System.arraycopy(routeOptions, 0, options, 4, routeOptions.length);
        return jdbc(database.url(), database.user(), List.of(route(topic, table, options)),
                "position_table", positions);
    }

    private void assertExactlyOnce(Database database, String table) {
        assertThat(database.count(table)).isEqualTo(MESSAGES);
        assertThat(database.query("SELECT count(DISTINCT " + database.quoted("id") + ") FROM "
                                     + database.quoted(table))).isEqualTo(MESSAGES);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void anExclusiveConsumerRestartedAfterLosingItsAcknowledgementsLeavesEachMessageOnceInInsertMode(
            Database database) {
        String table = uniqueName("once_exclusive");
        String positions = uniqueName("positions");
        String topic = uniqueTopic("once-exclusive");
        Producer producer = producer(topic);
        var jdbc = jdbcFor(database, topic, table, positions, "subscription_type", "Exclusive",
                "consumer_name", table);
        try {
            CountDownLatch published = new CountDownLatch(1);
            AckLosingSink crashing = new AckLosingSink(true, published);
            SinkRuntime first = start(crashing, config(jdbc, 500, NO_RETRY));
            publish(producer, payloads());
            published.countDown();
            await("batches committed without acknowledgement").atMost(Duration.ofSeconds(60))
                    .until(() -> crashing.recordsWritten.get() >= 1_000);
            stop(first);

            AckLosingSink restarted = new AckLosingSink(false, new CountDownLatch(0));
            SinkRuntime second = start(restarted, config(jdbc, 500, NO_RETRY));
            await("every message in the table").atMost(Duration.ofSeconds(60))
                    .until(() -> database.count(table) >= MESSAGES);
            await("the redelivered messages skipped").atMost(Duration.ofSeconds(30))
                    .until(() -> second.metrics().scrape().contains("connector_records_skipped_total"));
            assertThat(stop(second)).isZero();

            assertExactlyOnce(database, table);
            assertThat(database.count(positions)).isEqualTo(MESSAGES);
            try (var sameConsumer = client().newConsumer().topic(topic).consumerName(table)
                    .subscription("jdbc-test").subscriptionType(SubscriptionType.EXCLUSIVE).subscribe()) {
                assertThat(drain(sameConsumer, Duration.ofMillis(1_500))).isEmpty();
            }
        } finally {
            database.drop(table, positions);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void twoSharedInstancesOneLosingEveryAcknowledgementLeaveEachMessageOnceInInsertMode(Database database) {
        String table = uniqueName("once_shared");
        String positions = uniqueName("positions");
        String topic = uniqueTopic("once-shared");
        Producer producer = producer(topic);
        var jdbc = jdbcFor(database, topic, table, positions, "subscription_type", "Shared");
        try {
            CountDownLatch published = new CountDownLatch(1);
            AckLosingSink losing = new AckLosingSink(true, published);
            AckLosingSink healthy = new AckLosingSink(false, published);
            start(losing, config(jdbc, 200, NO_RETRY));
            start(healthy, config(jdbc, 200, NO_RETRY));
            publish(producer, payloads());
            published.countDown();

            await("every message in the table").atMost(Duration.ofSeconds(90))
                    .until(() -> database.count(table) >= MESSAGES);
            await("nothing left unacknowledged").atMost(Duration.ofSeconds(60))
                    .until(() -> drain(subscribe(topic, "jdbc-test"), Duration.ofMillis(500)).isEmpty());

            assertThat(losing.recordsWritten.get()).isPositive();
            assertExactlyOnce(database, table);
        } finally {
            database.drop(table, positions);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void upsertModeStoresPositionsToo(Database database) {
        String table = uniqueName("once_upsert");
        String positions = uniqueName("positions");
        String topic = uniqueTopic("once-upsert");
        Producer producer = producer(topic);
        var jdbc = jdbcFor(database, topic, table, positions, "mode", "upsert", "key_columns", List.of("id"));
        try {
            AckLosingSink sink = new AckLosingSink(false, new CountDownLatch(0));
            SinkRuntime runtime = start(sink, config(jdbc, 500, NO_RETRY));
            publish(producer, payloads());
            await("every message written").atMost(Duration.ofSeconds(60))
                    .until(() -> sink.recordsWritten.get() >= MESSAGES);
            assertThat(stop(runtime)).isZero();

            assertExactlyOnce(database, table);
            assertThat(database.count(positions)).isEqualTo(MESSAGES);
        } finally {
            database.drop(table, positions);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void anExclusiveRecordAnotherWriterStoredAboveWhatTheSinkHasSeenIsSkippedNotWrittenTwice(Database database) {
        String table = uniqueName("once_fenced");
        String positions = uniqueName("positions");
        String topic = uniqueTopic("once-fenced");
        Producer producer = producer(topic);
        var jdbc = jdbcFor(database, topic, table, positions, "subscription_type", "Exclusive",
                "consumer_name", table);
        try {
            AckLosingSink sink = new AckLosingSink(false, new CountDownLatch(0));
            SinkRuntime runtime = start(sink, config(jdbc, 100, new RetrySettings(5, Duration.ofMillis(10),
                    Duration.ofMillis(50))));
            publish(producer, payloads().subList(0, 100));
            await("the first 100 written").atMost(Duration.ofSeconds(60))
                    .until(() -> sink.recordsWritten.get() >= 100);
            // Another consumer of the subscription (one that lost it but still commits) stores offsets 100..149.
            for (int offset = 100; offset < 150; offset++) {
                database.execute("INSERT INTO " + database.quoted(positions) + " VALUES ('jdbc-test', '" + topic
                                 + "', " + offset + ")");
            }
            publish(producer, payloads().subList(100, 200));
            await("offsets 150..199 written").atMost(Duration.ofSeconds(60))
                    .until(() -> database.count(table) >= 150);
            await("offsets 100..149 skipped").atMost(Duration.ofSeconds(30))
                    .until(() -> runtime.metrics().scrape().contains("connector_records_skipped_total"));
            assertThat(stop(runtime)).isZero();

            assertThat(database.count(table)).isEqualTo(150);
            assertThat(database.query("SELECT min(" + database.quoted("id") + ") FROM " + database.quoted(table)
                                      + " WHERE " + database.quoted("id") + " >= 100")).isEqualTo(150);
        } finally {
            database.drop(table, positions);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void thePositionTableKeepsOnlyTheRetainedOffsetsOfEachPartition(Database database) {
        String table = uniqueName("once_retained");
        String positions = uniqueName("positions");
        String topic = uniqueTopic("once-retained");
        Producer producer = producer(topic);
        var jdbc = jdbcFor(database, topic, table, positions, "subscription_type", "Exclusive",
                "consumer_name", table);
        jdbc.put("position_retention_offsets", 500);
        try {
            AckLosingSink sink = new AckLosingSink(false, new CountDownLatch(0));
            SinkRuntime runtime = start(sink, config(jdbc, 100, NO_RETRY));
            publish(producer, payloads());
            await("every message written").atMost(Duration.ofSeconds(60))
                    .until(() -> sink.recordsWritten.get() >= MESSAGES);
            assertThat(stop(runtime)).isZero();

            assertExactlyOnce(database, table);
            String offset = database.quoted("msg_offset");
            assertThat(database.query("SELECT max(" + offset + ") FROM " + database.quoted(positions)))
                    .isEqualTo(MESSAGES - 1);
            assertThat(database.query("SELECT min(" + offset + ") FROM " + database.quoted(positions)))
                    .isBetween((long) MESSAGES - 1 - 550, (long) MESSAGES - 1 - 500);
            assertThat(database.count(positions)).isEqualTo(MESSAGES - database.query("SELECT min(" + offset
                    + ") FROM " + database.quoted(positions)));
        } finally {
            database.drop(table, positions);
        }
    }
}
