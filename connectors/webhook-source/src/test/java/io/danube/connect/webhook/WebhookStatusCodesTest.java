package io.danube.connect.webhook;

import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookStatusCodesTest extends WebhookTestSupport {

    private static final String KEY = "s3cret-key";

    private String orders;
    private String raw;

    @BeforeEach
    void startConnector() throws Exception {
        orders = uniqueTopic("orders");
        raw = uniqueTopic("raw");
        String schema = Path.of(getClass().getResource("/schemas/order.json").toURI()).toString();
        start(serverToml("max_body_size = 2048") + """
                [auth]
                type = "apikey"
                header = "X-API-Key"
                secret_env = "TEST_WEBHOOK_KEY"

                [[routes]]
                from = "/orders"
                to = "%s"
                partitions = 2
                reliable_dispatch = true
                key_field = "id"
                schema_file = "%s"
                attribute_headers = ["X-Request-Id"]

                [[routes]]
                from = "/raw"
                to = "%s"
                key_header = "X-Device"

                [[routes]]
                from = "/limited"
                to = "%s"
                rate_limit = { requests_per_second = 0.01, burst_size = 1 }
                """.formatted(orders, schema, raw, raw), Map.of("TEST_WEBHOOK_KEY", KEY));
    }

    @Test
    void acceptedOrderIsAnswered200WithTopicAndPublishedWithItsAttributesAndKey() {
        Consumer reader = subscribe(orders);

        HttpResponse<String> response = post("/orders", "{\"id\":\"o-1\",\"amount\":12.5}", "X-API-Key", KEY,
                "Content-Type", "application/json", "User-Agent", "shop/1.0", "X-Request-Id", "req-7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"accepted\",\"topic\":\"" + orders + "\"}");
        List<ReceivedMessage> received = drain(reader, Duration.ofSeconds(2));
        assertThat(received).extracting(WebhookTestSupport::text).containsExactly("{\"id\":\"o-1\",\"amount\":12.5}");
        ReceivedMessage message = received.get(0);
        assertThat(message.routingKey()).contains("o-1");
        assertThat(message.attributes())
                .containsEntry("webhook.endpoint", "/orders")
                .containsEntry("webhook.client_ip", "127.0.0.1")
                .containsEntry("webhook.content_type", "application/json")
                .containsEntry("webhook.user_agent", "shop/1.0")
                .containsEntry("webhook.header.x-request-id", "req-7");
        assertThat(Instant.parse(message.attributes().get("webhook.received_at")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void nonJsonBodyOnARouteWithoutSchemaIsPublishedAsItsExactBytesKeyedByHeader() {
        Consumer reader = subscribe(raw);

        HttpResponse<String> response = post("/raw", "temperature=21.5", "X-API-Key", KEY,
                "Content-Type", "text/plain", "X-Device", "sensor-9");

        assertThat(response.statusCode()).isEqualTo(200);
        List<ReceivedMessage> received = drain(reader, Duration.ofSeconds(2));
        assertThat(received).extracting(WebhookTestSupport::text).containsExactly("temperature=21.5");
        assertThat(received.get(0).routingKey()).contains("sensor-9");
    }

    @Test
    void invalidJsonIsAnswered400WithTheParserReason() {
        HttpResponse<String> response = post("/orders", "{\"id\": ", "X-API-Key", KEY,
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"invalid_json\"").contains("not valid JSON");
    }

    @Test
    void schemaViolationIsAnswered400NamingTheViolation() {
        HttpResponse<String> response = post("/orders", "{\"id\":\"o-2\",\"amount\":-3}", "X-API-Key", KEY,
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"schema_violation\"").contains("amount");
    }

    @Test
    void missingApiKeyIsAnswered401() {
        HttpResponse<String> response = post("/orders", "{}", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("authentication_failed").contains("missing X-API-Key");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("ApiKey header=\"X-API-Key\"");
    }

    @Test
    void wrongApiKeyIsAnswered401() {
        HttpResponse<String> response = post("/orders", "{}", "X-API-Key", KEY + "x",
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid API key");
    }

    @Test
    void unknownPathIsAnswered404() {
        assertThat(post("/nowhere", "{}", "X-API-Key", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void getOnAWebhookPathIsAnswered405WithAllowPost() {
        HttpResponse<String> response = get("/orders");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void bodyAboveMaxBodySizeIsAnswered413() {
        HttpResponse<String> response = post("/raw", "x".repeat(4096), "X-API-Key", KEY);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void nonJsonContentTypeOnAJsonRouteIsAnswered415() {
        HttpResponse<String> response = post("/orders", "{\"id\":\"o-3\",\"amount\":1}", "X-API-Key", KEY,
                "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("application/json");
    }

    @Test
    void requestAboveTheRouteRateLimitIsAnswered429WithRetryAfter() {
        assertThat(post("/limited", "first", "X-API-Key", KEY).statusCode()).isEqualTo(200);

        HttpResponse<String> second = post("/limited", "second", "X-API-Key", KEY);

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 101L);
    }

    @Test
    void healthAndReadyAnswer200WithoutCredentialsWhileDanubeIsUp() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        assertThat(get("/ready").body()).contains("ready");
    }

    @Test
    void responsesNeverEchoRequestHeadersSuchAsTheApiKey() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/raw"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).header("X-API-Key", KEY).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-API-Key"));
    }
}
