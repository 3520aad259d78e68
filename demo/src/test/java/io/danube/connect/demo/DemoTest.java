package io.danube.connect.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole demo in this JVM, as {@code ./danube-connect demo --duration N} runs it. */
class DemoTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path workDirectory;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private Demo demo;

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int runDemo(String... args) {
        demo = new Demo(DemoOptions.parse(args), runId, workDirectory, out, false);
        int status = demo.run(new CountDownLatch(1));
        System.out.println(output());
        return status;
    }

    @AfterEach
    void dropKeptTable() throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS demo_readings_" + runId);
        }
    }

    @Test
    void withTheStandInsReadingsFromMqttAndThePrintedWebhookCommandLandInTheTable() throws Exception {
        demo = new Demo(DemoOptions.parse("--standins", "--duration", "8", "--rate", "20"), runId, workDirectory, out,
                false);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> demo.run(new CountDownLatch(1)));
        String curl = await("the webhook command").atMost(Duration.ofSeconds(90))
                .until(() -> output().lines().filter(line -> line.contains("curl ")).findFirst(), Optional::isPresent)
                .orElseThrow();
        Matcher command = Pattern.compile("-d '(.*)' (http://127\\.0\\.0\\.1:\\d+/readings)").matcher(curl);
        assertThat(command.find()).as(curl).isTrue();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(command.group(2)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(command.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        int status = run.get(3, TimeUnit.MINUTES);
        System.out.println(output());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(status).as(output()).isZero();
        assertThat(output()).contains("embedded HiveMQ CE stand-in", "embedded H2 stand-in", "/metrics", "/health",
                "demo_readings_" + runId);
        assertThat(reported(".* and ([0-9,]+) via the webhook.*")).as(output()).isEqualTo(1);
        assertThat(rowsReported()).as(output()).isPositive()
                .isEqualTo(reported("Published ([0-9,]+) readings.*") + 1);
    }

    @Test
    void againstTheLocalServicesRowsLandInPostgresql() throws Exception {
        int status = runDemo("--duration", "6", "--rate", "20", "--keep-table");

        assertThat(status).as(output()).isZero();
        assertThat(output()).contains("local Mosquitto at tcp://127.0.0.1:1883", "local PostgreSQL", "psql -h");
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT device) FROM demo_readings_" + runId)) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive().isEqualTo(rowsReported())
                    .isEqualTo(reported("Published ([0-9,]+) readings.*"));
            assertThat(rows.getLong(2)).isEqualTo(5);
        }
    }

    private long rowsReported() {
        return reported(".* reached Danube, ([0-9,]+) rows in .*");
    }

    /** The number the pattern's group captures in the final "Published ..." line. */
    private long reported(String pattern) {
        String line = output().lines().filter(text -> text.startsWith("Published ")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll(pattern, "$1").replace(",", ""));
    }
}
