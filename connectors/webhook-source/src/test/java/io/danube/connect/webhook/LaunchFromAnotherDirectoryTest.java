package io.danube.connect.webhook;

import io.danube.connect.launcher.ConnectLauncher;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher in a child JVM started in another working directory, as {@code ./danube-connect run conf/x.toml} from
 * there: the config path is the caller's, and the files the config names are found beside the config first, then in
 * the caller's working directory.
 */
class LaunchFromAnotherDirectoryTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension();

    private static final String SCHEMA = """
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
            """;

    @TempDir
    Path workingDirectory;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stopChild() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int post(int port, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/orders"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void relativePathsResolveBesideTheConfigFileThenInTheCallersWorkingDirectory() throws Exception {
        int port = freePort();
        Files.createDirectories(workingDirectory.resolve("conf/schemas"));
        Files.writeString(workingDirectory.resolve("conf/schemas/order.json"), SCHEMA);
        Files.createDirectories(workingDirectory.resolve("shared"));
        Files.writeString(workingDirectory.resolve("shared/registry-order.json"), SCHEMA);
        Files.writeString(workingDirectory.resolve("conf/hooks.toml"), """
                danube_service_url = "%s"
                connector_name = "relative-paths"
                connector_class = "%s"
                [processing]
                metrics_port = -1
                [[schemas]]
                topic = "/default/relative-orders"
                subject = "relative-order"
                schema_type = "json_schema"
                schema_file = "shared/registry-order.json"
                [server]
                host = "127.0.0.1"
                port = %d
                [auth]
                type = "none"
                [[routes]]
                from = "/hooks/orders"
                to = "/default/relative-orders"
                schema_file = "schemas/order.json"
                """.formatted(DANUBE.serviceUrl(), WebhookSourceConnector.class.getName(), port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectLauncher.class.getName(), "run", "conf/hooks.toml")
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve("out.log").toFile())
                .start();

        await("the webhook server answers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> post(port, "{\"id\":\"o-1\"}") == 200 || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(workingDirectory.resolve("out.log"))).isTrue();
        assertThat(post(port, "{\"amount\":3}")).as("the route's schema, found beside the config").isEqualTo(400);
    }
}
