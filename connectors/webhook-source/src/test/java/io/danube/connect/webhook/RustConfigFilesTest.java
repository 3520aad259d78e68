package io.danube.connect.webhook;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.runtime.source.SourceRuntime;
import io.danube.connect.webhook.config.WebhookSettings;
import io.danube.embedded.BrokerConfig;
import io.danube.embedded.EmbeddedDanubeExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files with every key of the Rust webhook source's config and example files (test resources {@code rust-files/},
 * written for this project) run unchanged against the embedded broker; only the environment points them at it, as an
 * operator would: {@code DANUBE_SERVICE_URL}, {@code SERVER_HOST}, {@code SERVER_PORT}.
 */
class RustConfigFilesTest {

    @RegisterExtension
    static final EmbeddedDanubeExtension DANUBE = new EmbeddedDanubeExtension(BrokerConfig.builder()
            .bootstrapNamespaces(List.of("default", "shop", "hooks", "billing", "repos"))
            .heartbeatInterval(Duration.ofMillis(100))
            .build());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private SourceRuntime runtime;
    private DanubeClient client;
    private Consumer consumer;

    private static Path rustFile(String name) throws Exception {
        return Path.of(Objects.requireNonNull(RustConfigFilesTest.class.getResource("/rust-files/" + name)).toURI());
    }

    private static ConnectorConfig load(String name, Map<String, String> environment) throws Exception {
        return new ConnectorConfigLoader(environment).load(rustFile(name),
                new WebhookSourceConnector().secretEnvironment());
    }

    /** Starts the file's connector on a free loopback port; {@code secrets} are the variables its auth names. */
    private WebhookSourceConnector start(String name, Map<String, String> secrets) throws Exception {
        ConnectorConfig config = load(name, Map.of("DANUBE_SERVICE_URL", DANUBE.serviceUrl(),
                "SERVER_HOST", "127.0.0.1", "SERVER_PORT", "0"));
        WebhookSourceConnector connector = new WebhookSourceConnector(secrets::get, Clock.systemUTC());
        runtime = new SourceRuntime(connector, config);
        runtime.start();
        return connector;
    }

    private Consumer subscribe(String topic) {
        client = DanubeClient.builder().serviceUrl(DANUBE.serviceUrl()).build();
        consumer = client.newConsumer().topic(topic).consumerName("reader-" + UUID.randomUUID())
                .subscription("rust-files-" + UUID.randomUUID()).subscribe();
        return consumer;
    }

    private HttpResponse<String> post(WebhookSourceConnector connector, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String received(Consumer consumer) {
        Optional<ReceivedMessage> message = consumer.receive(Duration.ofSeconds(20));
        assertThat(message).as("a message on the route's topic").isPresent();
        consumer.ack(message.get());
        return new String(message.get().payload(), StandardCharsets.UTF_8);
    }

    private static String hmacSha256(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void referenceFileWithSchemasHmacAndRateLimitRunsUnchanged() throws Exception {
        WebhookSourceConnector connector = start("with-schemas.toml", Map.of("SHOP_SIGNING_SECRET", "s3cret"));
        Consumer orders = subscribe("/shop/orders");
        String body = "{\"order_id\":\"o-17\",\"total\":12.5}";

        HttpResponse<String> response = post(connector, "/hooks/orders", body,
                "X-Shop-Signature", "sha256=" + hmacSha256("s3cret", body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(received(orders)).isEqualTo(body);
    }

    @Test
    void fileWithoutSchemasRunsUnchanged() throws Exception {
        WebhookSourceConnector connector = start("without-schemas.toml", Map.of());
        Consumer important = subscribe("/hooks/important");

        HttpResponse<String> response = post(connector, "/hooks/important", "{\"level\":\"high\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(received(important)).isEqualTo("{\"level\":\"high\"}");
    }

    @Test
    void dockerExampleFileWithApiKeyAndPerIpLimitRunsUnchanged() throws Exception {
        WebhookSourceConnector connector = start("docker-example.toml", Map.of("EXAMPLE_HOOK_KEY", "k-42"));
        Consumer misc = subscribe("/hooks/misc");

        HttpResponse<String> response = post(connector, "/hooks/misc", "{\"n\":1}", "x-hook-key", "k-42");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(received(misc)).isEqualTo("{\"n\":1}");
    }

    @Test
    void serverHostAndPortFromTheEnvironmentWinOverTheFile() throws Exception {
        WebhookSettings settings = WebhookSettings.from(load("without-schemas.toml",
                Map.of("SERVER_HOST", "127.0.0.2", "SERVER_PORT", "9555")));

        assertThat(settings.server().host()).isEqualTo("127.0.0.2");
        assertThat(settings.server().port()).isEqualTo(9555);
    }

    @Test
    void serverKeysOfTheRustFileKeepTheirMeaning() throws Exception {
        WebhookSettings settings = WebhookSettings.from(load("with-schemas.toml", Map.of()));

        assertThat(settings.server().host()).isEqualTo("0.0.0.0");
        assertThat(settings.server().port()).isEqualTo(8181);
        assertThat(settings.server().requestTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(settings.server().maxBodySize()).isEqualTo(65536);
    }
}
