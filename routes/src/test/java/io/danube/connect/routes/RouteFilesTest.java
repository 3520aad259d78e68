package io.danube.connect.routes;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.OutgoingMessage;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;
import io.danube.embedded.EmbeddedDanube;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Runs every route file of {@code routes/} through {@code ConnectLauncher run} (camel-main) against an embedded
 * broker, the local Mosquitto (127.0.0.1:1883) and PostgreSQL (127.0.0.1:5432, database test), and checks that data
 * arrives at the far end. Topics, MQTT topics, the table, the inbox and the HTTP port are unique to the run and reach
 * the routes as environment overrides of {@code routes/application.properties}. A route file without a case here
 * fails the run.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of(System.getProperty("danube.routes.dir", "."));
    private static final String MQTT_URL = "tcp://127.0.0.1:1883";
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private static EmbeddedDanube danube;
    private static DanubeClient client;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RouteProcess lastRoute;

    @TempDir
    Path dir;

    @FunctionalInterface
    private interface RouteCase {
        void check(Path routeFile) throws Exception;
    }

    private final Map<String, RouteCase> cases = Map.of(
            "mqtt-to-danube.yaml", this::mqttMessagesArriveInDanubeKeyedByTheirMqttTopic,
            "danube-to-postgresql.yaml", this::danubeMessagesBecomeRowsOfANewTable,
            "webhook-to-danube.yaml", this::postedBodiesArriveInDanubeAfterA202,
            "timer-to-danube.yaml", this::timerReadingsArriveInDanube,
            "file-to-danube.yaml", this::droppedFilesArriveInDanubeAndMoveToDone,
            "danube-to-log.yaml", this::danubeMessagesAreLogged,
            "kamelet-topic-mirror.yaml", this::theKameletsCopyMessagesToTheMirrorTopic);

    @BeforeAll
    static void startBroker() {
        danube = EmbeddedDanube.start();
        client = DanubeClient.builder().serviceUrl(danube.serviceUrl()).build();
    }

    @AfterAll
    static void stopBroker() {
        client.close();
        danube.close();
    }

    private static Stream<String> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRouteFileMovesData() throws IOException {
        return routeFiles().map(name -> DynamicTest.dynamicTest(name, () -> {
            RouteCase routeCase = cases.get(name);
            if (routeCase == null) {
                fail("routes/%s has no case in RouteFilesTest: add one that runs it and checks its data arrives", name);
            }
            try {
                routeCase.check(ROUTES.resolve(name));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + System.lineSeparator() + "route output:"
                                         + System.lineSeparator() + lastRoute.output(), e);
            } finally {
                closeAll();
            }
        }));
    }

    @Test
    void everyCaseHasItsRouteFile() throws IOException {
        assertThat(routeFiles().toList()).containsAll(cases.keySet());
    }

    private void mqttMessagesArriveInDanubeKeyedByTheirMqttTopic(Path file) throws Exception {
        String topic = "/default/routes-mqtt-" + run;
        Consumer reader = readerOf(topic);
        MqttClient publisher = mqttPublisher();
        String mqttTopic = "routes-test/" + run + "/room-1";

        try (RouteProcess route = launch(file, Map.of(
                "MQTT_URL", MQTT_URL,
                "MQTT_TOPIC", "routes-test/" + run + "/#",
                "MQTT_CLIENT_ID", "routes-test-" + run,
                "MQTT_DANUBE_TOPIC", topic))) {
            ReceivedMessage message = publishUntilReceived(reader, route,
                    () -> publisher.publish(mqttTopic, mqttMessage("{\"t\":21.5}")));

            assertThat(text(message)).isEqualTo("{\"t\":21.5}");
            assertThat(message.routingKey()).contains(mqttTopic);
            assertThat(message.attributes()).containsEntry("mqtt_topic", mqttTopic);
        }
    }

    private void danubeMessagesBecomeRowsOfANewTable(Path file) throws Exception {
        String topic = "/default/routes-pg-" + run;
        String table = "routes_test_" + run.replace('-', '_');
        Producer producer = producerOf(topic);
        closeables.add(() -> dropTable(table));
        try (Connection db = DriverManager.getConnection(PG_URL, "postgres", "")) {
            try (RouteProcess route = launch(file, Map.of(
                    "PG_URL", PG_URL,
                    "PG_TABLE", table,
                    "PG_DANUBE_TOPIC", topic,
                    "PG_SUBSCRIPTION", "routes-test-" + run))) {
                await("a row in " + table).atMost(ARRIVAL).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(route.isAlive()).as("route running; output:%n%s", route.output()).isTrue();
                    producer.send(OutgoingMessage.of("{\"device\":\"d-" + run + "\",\"t\":21.5}"));
                    return rowCount(db, table) > 0;
                });
            }
            try (Statement query = db.createStatement();
                 ResultSet rows = query.executeQuery("SELECT DISTINCT topic, payload->>'device' FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(topic);
                assertThat(rows.getString(2)).isEqualTo("d-" + run);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    private void postedBodiesArriveInDanubeAfterA202(Path file) throws Exception {
        String topic = "/default/routes-webhook-" + run;
        Consumer reader = readerOf(topic);
        int port = freePort();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/" + run))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"door-open\"}"))
                .build();
        HttpClient http = HttpClient.newHttpClient();

        try (RouteProcess route = launch(file, Map.of(
                "WEBHOOK_PORT", String.valueOf(port),
                "WEBHOOK_PATH", "/hooks/" + run,
                "WEBHOOK_DANUBE_TOPIC", topic))) {
            await("202 from the webhook").atMost(ARRIVAL).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(route.isAlive()).as("route running; output:%n%s", route.output()).isTrue();
                try {
                    return http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode() == 202;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
            ReceivedMessage message = reader.receive(Duration.ofSeconds(10)).orElseThrow();

            assertThat(text(message)).isEqualTo("{\"event\":\"door-open\"}");
            assertThat(message.attributes()).containsEntry("content_type", "application/json");
        }
    }

    private void timerReadingsArriveInDanube(Path file) throws Exception {
        String topic = "/default/routes-timer-" + run;
        Consumer reader = readerOf(topic);

        try (RouteProcess route = launch(file, Map.of(
                "TIMER_PERIOD_MS", "100",
                "TIMER_DEVICE", "timer-" + run,
                "TIMER_DANUBE_TOPIC", topic))) {
            List<ReceivedMessage> received = receive(reader, route, 3);

            assertThat(received).allSatisfy(message -> {
                assertThat(text(message)).startsWith("{\"device\":\"timer-" + run + "\",\"reading\":");
                assertThat(message.routingKey()).contains("timer-" + run);
            });
        }
    }

    private void droppedFilesArriveInDanubeAndMoveToDone(Path file) throws Exception {
        String topic = "/default/routes-file-" + run;
        Consumer reader = readerOf(topic);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path staged = Files.writeString(dir.resolve("reading.json"), "{\"t\":19.0}");

        try (RouteProcess route = launch(file, Map.of(
                "FILE_INBOX", inbox.toString(),
                "FILE_DANUBE_TOPIC", topic))) {
            Files.move(staged, inbox.resolve("reading.json"), StandardCopyOption.ATOMIC_MOVE);
            ReceivedMessage message = receive(reader, route, 1).get(0);

            assertThat(text(message)).isEqualTo("{\"t\":19.0}");
            assertThat(message.attributes()).containsEntry("file_name", "reading.json");
            await("file moved to .done").atMost(Duration.ofSeconds(20))
                    .until(() -> Files.exists(inbox.resolve(".done/reading.json")));
        }
    }

    private void danubeMessagesAreLogged(Path file) throws Exception {
        String topic = "/default/routes-log-" + run;
        Producer producer = producerOf(topic);
        String marker = "hello-log-" + run;

        try (RouteProcess route = launch(file, Map.of(
                "LOG_DANUBE_TOPIC", topic,
                "LOG_SUBSCRIPTION", "routes-test-" + run))) {
            await("the message in the log").atMost(ARRIVAL).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(route.isAlive()).as("route running; output:%n%s", route.output()).isTrue();
                producer.send(OutgoingMessage.of(marker));
                return route.output().contains("Body: " + marker);
            });
            assertThat(route.output()).contains("CamelDanubeTopic=" + topic);
        }
    }

    private void theKameletsCopyMessagesToTheMirrorTopic(Path file) throws Exception {
        String from = "/default/routes-mirror-in-" + run;
        String to = "/default/routes-mirror-out-" + run;
        Producer producer = producerOf(from);
        Consumer reader = readerOf(to);

        try (RouteProcess route = launch(file, Map.of(
                "MIRROR_FROM_TOPIC", from,
                "MIRROR_TO_TOPIC", to,
                "MIRROR_SUBSCRIPTION", "routes-test-" + run))) {
            ReceivedMessage message = publishUntilReceived(reader, route, () -> producer.send(
                    OutgoingMessage.builder("mirrored".getBytes(StandardCharsets.UTF_8)).key("device-7").build()));

            assertThat(text(message)).isEqualTo("mirrored");
            assertThat(message.routingKey()).contains("device-7");
        }
    }

    @FunctionalInterface
    private interface Publish {
        void once() throws Exception;
    }

    /** Publishes every half second until the reader gets a message: the route subscribes some time after it starts. */
    private static ReceivedMessage publishUntilReceived(Consumer reader, RouteProcess route, Publish publish) {
        List<ReceivedMessage> received = new ArrayList<>();
        await("a message through the route").atMost(ARRIVAL).pollInterval(Duration.ofMillis(10)).until(() -> {
            assertThat(route.isAlive()).as("route running; output:%n%s", route.output()).isTrue();
            publish.once();
            reader.receive(Duration.ofMillis(500)).ifPresent(message -> {
                reader.ack(message);
                received.add(message);
            });
            return !received.isEmpty();
        });
        return received.get(0);
    }

    private static List<ReceivedMessage> receive(Consumer reader, RouteProcess route, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await(count + " message(s) through the route").atMost(ARRIVAL).pollInterval(Duration.ofMillis(10)).until(() -> {
            assertThat(route.isAlive()).as("route running; output:%n%s", route.output()).isTrue();
            Optional<ReceivedMessage> next = reader.receive(Duration.ofMillis(500));
            next.ifPresent(message -> {
                reader.ack(message);
                received.add(message);
            });
            return received.size() >= count;
        });
        return received;
    }

    private RouteProcess launch(Path file, Map<String, String> overrides) throws IOException {
        Map<String, String> environment = new HashMap<>(overrides);
        environment.put("DANUBE_SERVICE_URL", danube.serviceUrl());
        lastRoute = RouteProcess.launch(file, environment, dir.resolve("route.log"));
        return lastRoute;
    }

    private Producer producerOf(String topic) {
        Producer producer = client.newProducer().topic(topic).name("routes-test-" + run + topic.replace('/', '-'))
                .reliable().create();
        closeables.add(producer);
        return producer;
    }

    /** Creates the topic (a producer) and subscribes a reader to it before the route publishes. */
    private Consumer readerOf(String topic) {
        producerOf(topic);
        Consumer consumer = client.newConsumer().topic(topic).consumerName("reader-" + run)
                .subscription("reader-" + run).subscribe();
        closeables.add(consumer);
        return consumer;
    }

    private MqttClient mqttPublisher() throws Exception {
        MqttClient publisher = new MqttClient(MQTT_URL, "routes-test-pub-" + run, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(5);
        publisher.connect(options);
        closeables.add(() -> {
            publisher.disconnect();
            publisher.close();
        });
        return publisher;
    }

    private static MqttMessage mqttMessage(String payload) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return message;
    }

    private static long rowCount(Connection db, String table) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException tableNotCreatedYet) {
            if ("42P01".equals(tableNotCreatedYet.getSQLState())) {
                return 0;
            }
            throw tableNotCreatedYet;
        }
    }

    private static void dropTable(String table) throws SQLException {
        try (Connection db = DriverManager.getConnection(PG_URL, "postgres", "");
             Statement drop = db.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    private void closeAll() throws Exception {
        List<AutoCloseable> toClose = new ArrayList<>(closeables);
        closeables.clear();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }
}
