package io.danube.connect.demo.services;

import io.danube.connect.demo.traffic.QueueingCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes against the local services, and the stand-ins the demo starts when those do not answer. */
class DemoServicesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theTcpProbeSeesAListeningPortAndNotAClosedOne() throws Exception {
        int closed;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(ServiceProbe.acceptsConnections("127.0.0.1", listening.getLocalPort(), TIMEOUT)).isTrue();
            closed = listening.getLocalPort();
        }
        assertThat(ServiceProbe.acceptsConnections("127.0.0.1", closed, TIMEOUT)).isFalse();
    }

    @Test
    void thePostgresProbeLogsIntoTheLocalDatabaseAndFailsOnAClosedPort() {
        assertThat(ServiceProbe.postgresAcceptsLogin("jdbc:postgresql://127.0.0.1:5432/test", "postgres", TIMEOUT))
                .isTrue();
        assertThat(ServiceProbe.postgresAcceptsLogin("jdbc:postgresql://127.0.0.1:" + FreePorts.pick() + "/test",
                "postgres", TIMEOUT)).isFalse();
    }

    @Test
    void withTheLocalServicesUpTheDemoUsesThem() {
        try (DemoServices services = DemoServices.choose(false, false, runId, dir)) {
            assertThat(services.mqtt()).isInstanceOf(LocalMosquitto.class);
            assertThat(services.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
            assertThat(services.sql()).isInstanceOf(LocalPostgres.class);
        }
    }

    @Test
    void standInsAreAnEmbeddedMqttBrokerAndAnEmbeddedDatabase() {
        try (DemoServices services = DemoServices.choose(true, false, runId, dir)) {
            assertThat(services.mqtt()).isInstanceOf(EmbeddedHiveMq.class);
            assertThat(services.mqtt().port()).isNotEqualTo(1883);
            assertThat(services.sql()).isInstanceOf(EmbeddedH2.class);
        }
    }

    @Test
    void theEmbeddedMqttBrokerDeliversMqtt5Messages() throws Exception {
        try (EmbeddedHiveMq broker = EmbeddedHiveMq.start(dir)) {
            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            MqttClient subscriber = new MqttClient(broker.url(), "sub-" + runId, new MemoryPersistence());
            MqttClient publisher = new MqttClient(broker.url(), "pub-" + runId, new MemoryPersistence());
            subscriber.setCallback(new QueueingCallback(received));
            subscriber.connect();
            subscriber.subscribe("demo/#", 1);
            publisher.connect();

            publisher.publish("demo/a", new MqttMessage("hello".getBytes(StandardCharsets.UTF_8)));

            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
            publisher.disconnect();
            subscriber.disconnect();
            publisher.close();
            subscriber.close();
        }
    }

    @Test
    void theEmbeddedDatabaseIsReachableOverJdbcAndTakesPostgresStyleSql() throws Exception {
        try (EmbeddedH2 database = EmbeddedH2.start("test_" + runId);
             Connection connection = database.connect();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE readings (id BIGSERIAL PRIMARY KEY, device TEXT, temperature DOUBLE PRECISION)");
            sql.execute("INSERT INTO readings (device, temperature) VALUES ('sensor-1', 21.5)");

            try (ResultSet rows = sql.executeQuery("SELECT device FROM readings")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("sensor-1");
            }
            assertThat(database.lookCommand("readings")).contains("org.h2.tools.Shell", database.tcpUrl());
        }
    }

    @Test
    void theEmbeddedDatabaseCanBeQueriedOverTcpFromOutside() throws Exception {
        try (EmbeddedH2 database = EmbeddedH2.start("tcp_" + runId)) {
            try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE readings (seq BIGINT)");
                sql.execute("INSERT INTO readings VALUES (7)");
            }

            try (Connection remote = DriverManager.getConnection(database.tcpUrl(), "sa", "");
                 Statement sql = remote.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT seq FROM readings")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void cleaningUpLocalPostgresDropsTheDemoTableUnlessItIsKept() throws Exception {
        String table = "demo_services_test_" + runId;
        LocalPostgres dropping = new LocalPostgres("127.0.0.1", 5432, false);
        LocalPostgres keeping = new LocalPostgres("127.0.0.1", 5432, true);
        try (Connection connection = dropping.connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE " + table + " (id INT)");

            keeping.cleanUp(table);
            assertThat(tableExists(connection, table)).isTrue();

            dropping.cleanUp(table);
            assertThat(tableExists(connection, table)).isFalse();
        }
    }

    private static boolean tableExists(Connection connection, String table) throws Exception {
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}
