package io.danube.connect.routes;

import io.danube.client.DanubeClient;
import io.danube.client.producer.Producer;
import io.danube.connect.clickhouse.config.ClickHouseSettings;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.delta.config.DeltaSettings;
import io.danube.connect.delta.config.RouteConfig;
import io.danube.connect.jdbc.config.JdbcSettings;
import io.danube.connect.jdbc.config.RouteSettings;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanube;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every example config in {@code connectors/*}{@code /config/} runs as shipped: against an embedded broker started
 * the way the file's header says ({@code ./danube-connect broker --namespace iot}, say), the local Mosquitto,
 * PostgreSQL and ClickHouse, with only URLs, ports and scratch databases overridden by the environment, it reaches
 * {@code "status":"healthy"} on {@code /health} and stops gracefully. Each runs in a scratch working directory, where
 * relative paths of the config (the Delta tables, say) resolve. An example config without a case here fails the run.
 */
class ExampleConfigsTest {

    private static final Path CONNECTORS = Path.of(System.getProperty("danube.routes.dir", "."))
            .resolve("../connectors").normalize();
    private static final Pattern BROKER_COMMAND = Pattern.compile("\\./danube-connect broker([^#\\n]*)");
    private static final Pattern NAMESPACE_OPTION = Pattern.compile("--namespace\\s+(\\S+)");
    private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String CLICKHOUSE = "http://127.0.0.1:8123/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dir;

    /** What a connector needs besides the broker: its environment overrides; may start things to close later. */
    @FunctionalInterface
    private interface ConnectorCase {
        Map<String, String> prepare(Path config, EmbeddedDanube danube) throws Exception;
    }

    private final Map<String, ConnectorCase> cases = Map.of(
            "jdbc-sink", this::jdbcSinkWritesToAScratchDatabase,
            "clickhouse-sink", this::clickHouseSinkWritesToAScratchDatabase,
            "delta-sink", this::deltaSinkWritesUnderItsWorkingDirectory,
            "mqtt-source", (config, danube) -> Map.of("MQTT_BROKER_HOST", "127.0.0.1", "MQTT_BROKER_PORT", "1883",
                    // the client id owns a persistent session: unique, so a connector running here keeps its own
                    "MQTT_CLIENT_ID", "example-config-" + run),
            "webhook-source", (config, danube) -> Map.of("SERVER_HOST", "127.0.0.1",
                    "SERVER_PORT", Integer.toString(freePort()), "WEBHOOK_API_KEY", "example-" + run));

    @TestFactory
    Stream<DynamicTest> everyExampleConfigReachesHealthyAgainstTheBrokerItsHeaderDescribes() throws IOException {
        List<Path> configs;
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            configs = files.map(connector -> connector.resolve("config"))
                    .filter(Files::isDirectory)
                    .flatMap(ExampleConfigsTest::tomlFiles)
                    .sorted()
                    .toList();
        }
        assertThat(configs).as("example configs under %s", CONNECTORS).isNotEmpty();
        return configs.stream().map(config -> DynamicTest.dynamicTest(CONNECTORS.relativize(config).toString(),
                () -> reachesHealthy(config)));
    }

    private static Stream<Path> tomlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".toml")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + directory, e);
        }
    }

    private void reachesHealthy(Path config) throws Exception {
        String connector = config.getParent().getParent().getFileName().toString();
        ConnectorCase connectorCase = cases.get(connector);
        assertThat(connectorCase).as("a case for the example configs of %s", connector).isNotNull();
        try (EmbeddedDanube danube = EmbeddedDanube.builder().config(brokerConfigFromHeader(config)).start()) {
            Map<String, String> environment = new HashMap<>(connectorCase.prepare(config, danube));
            int metricsPort = freePort();
            environment.put("DANUBE_SERVICE_URL", danube.serviceUrl());
            environment.put("METRICS_PORT", Integer.toString(metricsPort));
            Path workingDirectory = Files.createDirectories(dir.resolve(connector));
            try (RouteProcess process = RouteProcess.launch(config, environment, dir.resolve(connector + ".log"),
                    workingDirectory)) {
                await(config.getFileName() + " healthy").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .failFast("the connector exited before it was healthy", () -> !process.isAlive())
                        .until(() -> health(metricsPort).startsWith("{\"status\":\"healthy\""));
            }
        } finally {
            for (AutoCloseable closeable : closeables) {
                closeable.close();
            }
            closeables.clear();
        }
    }

    /** The namespaces the header's {@code ./danube-connect broker ...} line creates, besides {@code default}. */
    private static BrokerConfig brokerConfigFromHeader(Path config) throws IOException {
        Matcher command = BROKER_COMMAND.matcher(Files.readString(config));
        assertThat(command.find()).as("%s tells which broker to start", config).isTrue();
        List<String> namespaces = new ArrayList<>(List.of("default"));
        Matcher option = NAMESPACE_OPTION.matcher(command.group(1));
        while (option.find()) {
            namespaces.add(option.group(1));
        }
        return BrokerConfig.builder().bootstrapNamespaces(namespaces).build();
    }

    /** A scratch database for the example's tables; its topics exist, as they do once a source has published. */
    private Map<String, String> jdbcSinkWritesToAScratchDatabase(Path config, EmbeddedDanube danube)
            throws SQLException {
        String database = "example_config_" + run;
        execute("CREATE DATABASE " + database);
        closeables.add(() -> execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
        JdbcSettings jdbc = new ConnectorConfigLoader(Map.of()).load(config).section("jdbc", JdbcSettings.class);
        topicsExist(danube, jdbc.routes().stream().map(RouteSettings::from).toList());
        return Map.of("JDBC_URL", PG_SERVER + database);
    }

    /** A scratch ClickHouse database on the local server for the example's tables; its topics exist. */
    private Map<String, String> clickHouseSinkWritesToAScratchDatabase(Path config, EmbeddedDanube danube)
            throws Exception {
        String database = "example_config_" + run;
        clickHouse("CREATE DATABASE " + database);
        closeables.add(() -> clickHouse("DROP DATABASE IF EXISTS " + database));
        ClickHouseSettings clickhouse = new ConnectorConfigLoader(Map.of()).load(config)
                .section("clickhouse", ClickHouseSettings.class);
        topicsExist(danube, clickhouse.routes().stream()
                .map(io.danube.connect.clickhouse.config.RouteSettings::from).toList());
        return Map.of("CLICKHOUSE_DATABASE", database);
    }

    /** The example's tables are relative paths: they land in the scratch working directory; its topics exist. */
    private Map<String, String> deltaSinkWritesUnderItsWorkingDirectory(Path config, EmbeddedDanube danube) {
        ConnectorConfig loaded = new ConnectorConfigLoader(Map.of()).load(config);
        List<io.danube.connect.delta.config.RouteSettings> routes =
                loaded.section("deltalake", DeltaSettings.class).routes();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            topics.add(RouteConfig.from(routes.get(i), i, loaded.connectorName(), dir).topic());
        }
        topicsExist(danube, topics);
        return Map.of();
    }

    /** Creates the topics as a source would, by opening a producer on each; closed after the case. */
    private void topicsExist(EmbeddedDanube danube, List<String> topics) {
        DanubeClient client = DanubeClient.builder().serviceUrl(danube.serviceUrl()).build();
        closeables.add(client);
        for (String topic : topics) {
            Producer producer = client.newProducer().topic(topic).name("example-" + run).create();
            closeables.add(producer);
        }
    }

    private static void clickHouse(String statement) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(CLICKHOUSE))
                .POST(HttpRequest.BodyPublishers.ofString(statement)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", statement, response.body()).isEqualTo(200);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(PG_SERVER + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
