package io.danube.connect.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.client.consumer.Consumer;
import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher in a child JVM ({@code java -cp <test class path> ConnectLauncher run <file>}), as operators run it. */
class LauncherProcessTest extends ConnectTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Process launch(Path config) throws IOException {
        return launch(config, serviceUrl());
    }

    private Process launch(Path config, String danubeServiceUrl) throws IOException {
        return launch(config, danubeServiceUrl, Map.of());
    }

    private Process launch(Path config, String danubeServiceUrl, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().put("LOG_FORMAT", "json");
        builder.environment().remove("LOG_LEVEL");
        builder.environment().put("DANUBE_SERVICE_URL", danubeServiceUrl);
        builder.environment().remove("METRICS_PORT");
        if (config.toString().endsWith(".yaml")) {
            // Route runs serve on METRICS_PORT, 9090 by default, which may be taken on a build machine.
            builder.environment().put("METRICS_PORT", "0");
        }
        builder.environment().putAll(environment);
        process = builder.start();
        return process;
    }

    private List<JsonNode> jsonLogLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out.log"))) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String get(int port, String path) {
        HttpResponse<String> response = request(port, path);
        return response == null ? "" : response.body();
    }

    /** The HTTP status of {@code path}, or -1 while nothing answers. */
    private static int status(int port, String path) {
        HttpResponse<String> response = request(port, path);
        return response == null ? -1 : response.statusCode();
    }

    private static HttpResponse<String> request(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void sigtermDuringARunAcknowledgesThePendingBatchAndExitsZero() throws Exception {
        String topic = uniqueTopic("sigterm");
        Producer producer = reliableProducer(topic);
        int port = freePort();
        Path config = dir.resolve("sink.toml");
        Files.writeString(config, """
                danube_service_url = "%s"
                connector_name = "sigterm-sink"
                connector_class = "%s"

                [processing]
                batch_size = 1000
                batch_timeout_ms = 60000
                batch_linger_ms = 0
                metrics_port = %d
                metrics_host = "127.0.0.1"
                shutdown_timeout_ms = 10000

                [test]
                topic = "%s"
                subscription = "sigterm"
                """.formatted(serviceUrl(), TopicTestSink.class.getName(), port, topic));

        launch(config);
        await("child subscribed").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(port, "/health/ready") == 200);
        publish(producer, "a", "b", "c", "d", "e");
        await("five records in the pending batch").atMost(Duration.ofSeconds(10))
                .until(() -> get(port, "/metrics").contains("connector_messages_received_total{connector=\"sigterm-sink\",topic=\""
                                                             + topic + "\"} 5.0"));

        process.destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> messages = jsonLogLines().stream().map(line -> line.get("message").asText()).toList();
        assertThat(messages).anyMatch(message -> message.startsWith("JVM shutdown hook triggered by SIGTERM"));
        assertThat(messages).contains("wrote 5 record(s)", "test sink shut down");
        assertThat(messages.indexOf("wrote 5 record(s)")).isLessThan(messages.indexOf("test sink shut down"));
        assertThat(drain(subscribe(topic, "sigterm"), Duration.ofMillis(3_000))).isEmpty();
    }

    @Test
    void badConfigExitsWithCodeTwoNamingTheKey() throws Exception {
        Path config = dir.resolve("bad.toml");
        Files.writeString(config, """
                danube_service_url = "%s"
                connector_name = "bad"
                connector_class = "%s"

                [processing]
                batch_sise = 10
                """.formatted(serviceUrl(), TopicTestSink.class.getName()));

        launch(config);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("out.log"))).contains("'processing.batch_sise'");
    }

    private Path sinkConfig(String topic, int metricsPort, String extraTestKeys) throws IOException {
        Path config = dir.resolve("sink.toml");
        Files.writeString(config, """
                danube_service_url = "%s"
                connector_name = "failing-sink"
                connector_class = "%s"

                [processing]
                metrics_port = %d
                metrics_host = "127.0.0.1"

                [test]
                topic = "%s"
                subscription = "failing"
                %s
                """.formatted(serviceUrl(), TopicTestSink.class.getName(), metricsPort, topic, extraTestKeys));
        return config;
    }

    /** The exit code once the child ended, and its output, which must hold no stack trace. */
    private int exitCodeWithoutStackTrace() throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        assertThat(Files.readString(dir.resolve("out.log"))).doesNotContain("stack_trace").doesNotContain("\tat ");
        return process.exitValue();
    }

    private long outputLinesContaining(String text) throws IOException {
        return Files.readAllLines(dir.resolve("out.log")).stream().filter(line -> line.contains(text)).count();
    }

    @Test
    void aConfigErrorIsPrintedOnceInOneLineWithoutStackTrace() throws Exception {
        launch(sinkConfig(uniqueTopic("once"), 0, "colour = \"blue\""));

        assertThat(exitCodeWithoutStackTrace()).isEqualTo(2);
        assertThat(outputLinesContaining("'test.colour'")).isEqualTo(1);
    }

    @Test
    void aMetricsPortInUseFailsInOneLineNamingThePortAndHowToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            launch(sinkConfig(uniqueTopic("clash"), taken.getLocalPort(), ""));

            assertThat(exitCodeWithoutStackTrace()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(dir.resolve("out.log")).stream()
                .filter(line -> line.contains("already in use")).toList();
        assertThat(lines).singleElement().asString().contains("'processing.metrics_port'").contains("METRICS_PORT");
    }

    @Test
    void aConnectorConfigErrorIsReportedEvenWhenTheMetricsPortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            launch(sinkConfig(uniqueTopic("hidden"), taken.getLocalPort(), "colour = \"blue\""));

            assertThat(exitCodeWithoutStackTrace()).isEqualTo(2);
        }
        assertThat(outputLinesContaining("'test.colour'")).isEqualTo(1);
        assertThat(outputLinesContaining("already in use")).isZero();
    }

    @Test
    void aTopicInAMissingNamespaceFailsAtOnceInOneLineSayingHowToCreateIt() throws Exception {
        launch(sinkConfig("/nowhere/readings", 0, ""));

        assertThat(exitCodeWithoutStackTrace()).isEqualTo(1);
        List<String> lines = Files.readAllLines(dir.resolve("out.log")).stream()
                .filter(line -> line.contains("nowhere")).toList();
        assertThat(lines).singleElement().asString()
                .contains("namespace 'nowhere' does not exist")
                .contains("./danube-connect broker --namespace nowhere");
    }

    @Test
    void yamlRoutesRunWithCamelMainAgainstTheBrokerFromTheEnvironment() throws Exception {
        String topic = uniqueTopic("yaml");
        reliableProducer(topic);
        Consumer reader = subscribe(topic, "yaml-reader");
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                - route:
                    id: ticks
                    from:
                      uri: "timer:tick"
                      parameters: { period: 100, repeatCount: 3 }
                      steps:
                        - setBody: { constant: "tick" }
                        - to: "danube:%s?dispatchStrategy=Reliable"
                """.formatted(topic));

        launch(routes);

        List<String> received = new ArrayList<>();
        await("three ticks").atMost(Duration.ofSeconds(40)).until(() -> {
            reader.receive(Duration.ofMillis(200)).ifPresent(message -> {
                received.add(new String(message.payload(), StandardCharsets.UTF_8));
                reader.ack(message);
            });
            return received.size() == 3;
        });
        assertThat(received).containsOnly("tick");
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void yamlRoutesTakeTheirPlaceholdersFromTheApplicationPropertiesBesideThem() throws Exception {
        String topic = uniqueTopic("props");
        reliableProducer(topic);
        Consumer reader = subscribe(topic, "props-reader");
        Files.writeString(dir.resolve("application.properties"), """
                tick.topic = %s
                tick.body = from-the-properties-file
                camel.component.danube.serviceUrl = %s
                """.formatted(topic, serviceUrl()));
        Path routes = dir.resolve("ticks.yaml");
        Files.writeString(routes, """
                - route:
                    from:
                      uri: "timer:tick"
                      parameters: { period: 100, repeatCount: 2 }
                      steps:
                        - setBody: { constant: "{{tick.body}}" }
                        - to: "danube:{{tick.topic}}?dispatchStrategy=Reliable"
                """);

        launch(routes, "");

        assertThat(receiveTexts(reader, 2)).containsOnly("from-the-properties-file");
    }

    @Test
    void aPropertiesFileNamedAfterTheRoutesFileOverridesTheApplicationProperties() throws Exception {
        String topic = uniqueTopic("file-props");
        reliableProducer(topic);
        Consumer reader = subscribe(topic, "file-props-reader");
        Files.writeString(dir.resolve("application.properties"), """
                tick.topic = %s
                tick.body = from-application-properties
                """.formatted(topic));
        Files.writeString(dir.resolve("ticks.properties"), "tick.body = from-ticks-properties\n");
        Path routes = dir.resolve("ticks.yaml");
        Files.writeString(routes, """
                - route:
                    from:
                      uri: "timer:tick"
                      parameters: { period: 100, repeatCount: 2 }
                      steps:
                        - setBody: { constant: "{{tick.body}}" }
                        - to: "danube:{{tick.topic}}?dispatchStrategy=Reliable"
                """);

        launch(routes);

        assertThat(receiveTexts(reader, 2)).containsOnly("from-ticks-properties");
    }

    @Test
    void danubeServiceUrlFromTheEnvironmentWinsOverTheApplicationProperties() throws Exception {
        String topic = uniqueTopic("env-wins");
        reliableProducer(topic);
        Consumer reader = subscribe(topic, "env-wins-reader");
        Files.writeString(dir.resolve("application.properties"),
                "camel.component.danube.serviceUrl = http://127.0.0.1:1\n");
        Path routes = dir.resolve("ticks.yaml");
        Files.writeString(routes, """
                - route:
                    from:
                      uri: "timer:tick"
                      parameters: { period: 100, repeatCount: 2 }
                      steps:
                        - setBody: { constant: "tick" }
                        - to: "danube:%s?dispatchStrategy=Reliable"
                """.formatted(topic));

        launch(routes);

        assertThat(receiveTexts(reader, 2)).containsOnly("tick");
    }

    @Test
    void yamlRoutesServeTheSameMetricsAndHealthEndpointsAsAConnectorRun() throws Exception {
        String topic = uniqueTopic("yaml-observed");
        reliableProducer(topic);
        int port = freePort();
        Path routes = dir.resolve("observed.yaml");
        Files.writeString(routes, """
                - route:
                    id: observed-ticks
                    from:
                      uri: "timer:tick"
                      parameters: { period: 200 }
                      steps:
                        - setBody: { constant: "tick" }
                        - to: "danube:%s?dispatchStrategy=Reliable"
                """.formatted(topic));

        launch(routes, serviceUrl(), Map.of("METRICS_PORT", String.valueOf(port)));

        await("routes ready").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(port, "/health/ready") == 200);
        JsonNode health = JSON.readTree(get(port, "/health"));
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("connector").asText()).isEqualTo("observed");
        assertThat(health.get("components").has("route:observed-ticks")).isTrue();
        assertThat(health.get("components").fieldNames()).toIterable()
                .anyMatch(check -> check.startsWith("danube-producer-"));
        assertThat(status(port, "/health/live")).isEqualTo(200);
        await("route metrics").atMost(Duration.ofSeconds(10)).until(() -> get(port, "/metrics")
                .contains("camel_exchanges_total{") && get(port, "/metrics").contains("routeId=\"observed-ticks\""));
        assertThat(get(port, "/metrics")).contains("connector_health{connector=\"observed\"} 2.0");
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static List<String> receiveTexts(Consumer reader, int count) {
        List<String> received = new ArrayList<>();
        await(count + " messages").atMost(Duration.ofSeconds(40)).until(() -> {
            reader.receive(Duration.ofMillis(200)).ifPresent(message -> {
                received.add(new String(message.payload(), StandardCharsets.UTF_8));
                reader.ack(message);
            });
            return received.size() == count;
        });
        return received;
    }
}
