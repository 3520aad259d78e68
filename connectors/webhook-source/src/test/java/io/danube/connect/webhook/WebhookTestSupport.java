package io.danube.connect.webhook;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.connect.testing.Drain;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the webhook source from a TOML text against an embedded broker (gRPC on loopback), its HTTP server on a free
 * loopback port, and talks to it with {@link HttpClient}.
 */
abstract class WebhookTestSupport {

    static final BrokerConfig FAST_BROKER = BrokerConfig.builder()
            .heartbeatInterval(Duration.ofMillis(100))
            .fsyncInterval(Duration.ofMillis(100))
            .build();

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(FAST_BROKER);

    private static final AtomicInteger NAMES = new AtomicInteger();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private DanubeClient client;
    SourceRuntime runtime;
    WebhookSourceConnector connector;

    static String uniqueTopic(String prefix) {
        return "/default/" + prefix + "-" + NAMES.incrementAndGet();
    }

    /** The core keys for {@code serviceUrl}: no metrics server, fast publish retries, fast health checks. */
    static String coreToml(String serviceUrl) {
        return """
                danube_service_url = "%s"
                connector_name = "webhook-test-%d"
                [retry]
                max_retries = 1
                retry_backoff_ms = 50
                max_backoff_ms = 100
                [processing]
                metrics_port = -1
                health_check_interval_ms = 200
                shutdown_timeout_ms = 5000
                """.formatted(serviceUrl, NAMES.incrementAndGet());
    }

    /** {@code [server]} on a free loopback port. */
    static String serverToml(String extra) {
        return """
                [server]
                host = "127.0.0.1"
                port = 0
                request_timeout_ms = 3000
                %s
                """.formatted(extra);
    }

    /** Starts the connector in a source runtime; {@code sections} are the webhook sections in TOML. */
    void start(String sections, Map<String, String> env) {
        start(DANUBE.serviceUrl(), sections, env);
    }

    void start(String serviceUrl, String sections, Map<String, String> env) {
        ConnectorConfig config = new ConnectorConfigLoader(Map.of()).parse(coreToml(serviceUrl) + sections,
                ConnectorConfigLoader.Format.TOML, Map.of());
        connector = new WebhookSourceConnector(env::get, Clock.systemUTC());
        runtime = new SourceRuntime(connector, config);
        runtime.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.port() + path);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    DanubeClient client() {
        if (client == null) {
            client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
        }
        return client;
    }

    Consumer subscribe(String topic) {
        Consumer consumer = client().newConsumer().topic(topic).consumerName("reader-" + NAMES.incrementAndGet())
                .subscription("test-" + NAMES.incrementAndGet()).subscribe();
        closeables.add(consumer);
        return consumer;
    }

    /** Everything {@code consumer} receives until nothing arrives for {@code quiet}, acknowledged. */
    static List<ReceivedMessage> drain(Consumer consumer, Duration quiet) {
        return Drain.all(consumer, quiet);
    }

    static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (runtime != null) {
            runtime.stop();
            runtime = null;
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
