package io.danube.connect.runtime.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.client.producer.Producer;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.RetryableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /health} and {@code /metrics} of a running sink, read over HTTP. */
class SinkObservabilityTest extends ConnectTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    private SinkRuntime start(RecordingSink sink, String name, int batchSize) {
        runtime = new SinkRuntime(sink, config(name, batchSize, Duration.ofMillis(300)).build());
        runtime.start();
        await("subscription").atMost(Duration.ofSeconds(10))
                .until(() -> runtime.health().isReady());
        return runtime;
    }

    private static String labels(String connector, String topic) {
        return "{connector=\"" + connector + "\",topic=\"" + topic + "\"}";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(get("/health").body());
    }

    @Test
    void healthTurnsDegradedWhileTheSinkKeepsFailingAndHealthyAgainOnceItRecovers() throws Exception {
        String topic = uniqueTopic("health");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "health");
        AtomicBoolean failing = new AtomicBoolean(true);
        sink.behaviour = batch -> {
            if (failing.get()) {
                throw new RetryableException("warehouse unreachable");
            }
        };
        start(sink, "health", 1);
        assertThat(health().get("status").asText()).isEqualTo("healthy");

        publish(producer, "order-1");

        await("degraded").atMost(Duration.ofSeconds(10)).until(() -> health().get("status").asText().equals("degraded"));
        HttpResponse<String> degraded = get("/health");
        assertThat(degraded.statusCode()).isEqualTo(200);
        JsonNode processing = JSON.readTree(degraded.body()).get("components").get("processing");
        assertThat(processing.get("status").asText()).isEqualTo("degraded");
        assertThat(processing.get("detail").asText()).contains("warehouse unreachable");

        failing.set(false);

        await("healthy again").atMost(Duration.ofSeconds(10)).until(() -> health().get("status").asText().equals("healthy"));
        assertThat(sink.written).containsExactly("order-1");
    }

    @Test
    void failingConnectorHealthChecksMakeItUnhealthyWithHttp503() throws Exception {
        String topic = uniqueTopic("unhealthy");
        reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "unhealthy");
        start(sink, "unhealthy", 1);

        sink.healthFailure = new IllegalStateException("collection missing");

        await("unhealthy").atMost(Duration.ofSeconds(10)).until(() -> get("/health").statusCode() == 503);
        JsonNode body = JSON.readTree(get("/health").body());
        assertThat(body.get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("connector").asText()).isEqualTo("unhealthy");
        assertThat(body.get("components").get("connector").get("detail").asText()).contains("collection missing");

        sink.healthFailure = null;

        await("healthy again").atMost(Duration.ofSeconds(10)).until(() -> get("/health").statusCode() == 200);
    }

    @Test
    void healthIsUnavailableAndNotReadyUntilTheConsumerSubscribedThenHealthy() throws Exception {
        String topic = uniqueTopic("not-yet");
        RecordingSink sink = new RecordingSink(topic, "not-yet");
        runtime = new SinkRuntime(sink, config("not-yet", 1, Duration.ofMillis(300)).build());

        runtime.start();

        HttpResponse<String> before = get("/health");
        assertThat(before.statusCode()).isEqualTo(503);
        JsonNode consumer = JSON.readTree(before.body()).get("components").get("consumer:danube-sink-not-yet-0");
        assertThat(consumer.get("status").asText()).isEqualTo("unhealthy");
        assertThat(consumer.get("detail").asText()).startsWith(topic);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);

        reliableProducer(topic);

        await("subscribed").atMost(Duration.ofSeconds(30)).until(() -> get("/health").statusCode() == 200);
        assertThat(health().get("status").asText()).isEqualTo("healthy");
        assertThat(health().get("components").get("consumer:danube-sink-not-yet-0").get("status").asText())
                .isEqualTo("healthy");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusTextListsTheErrorAndRetrySeriesWithConnectorAndTopicLabelsAndCamelRouteMetrics()
            throws Exception {
        String topic = uniqueTopic("labels");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "labels");
        AtomicBoolean failOnce = new AtomicBoolean(true);
        sink.behaviour = batch -> {
            if (failOnce.getAndSet(false)) {
                throw new RetryableException("warehouse busy");
            }
        };
        start(sink, "labels", 1);

        publish(producer, "order-1");
        await("written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 1);

        await("sent counted").atMost(Duration.ofSeconds(5)).until(() -> get("/metrics").body()
                .contains("connector_messages_sent_total" + labels("labels", topic) + " 1.0"));
        assertThat(get("/metrics").body())
                .contains("connector_retries_total" + labels("labels", topic) + " 1.0")
                .contains("connector_errors_total{connector=\"labels\",topic=\"" + topic
                          + "\",type=\"retryable\"} 1.0")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"danube-sink-labels-0\"");
    }

    @Test
    void metricsShowTheNamedSeriesWithTheRightCounts() throws Exception {
        String topic = uniqueTopic("metrics");
        Producer producer = reliableProducer(topic);
        RecordingSink sink = new RecordingSink(topic, "metrics");
        start(sink, "metrics", 7);

        publish(producer, "1", "2", "3", "4", "5", "6", "7");
        await("written").atMost(Duration.ofSeconds(10)).until(() -> sink.written.size() == 7);
        String labels = labels("metrics", topic);

        await("acks counted").atMost(Duration.ofSeconds(5))
                .until(() -> get("/metrics").body().contains("connector_messages_sent_total" + labels + " 7.0"));
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("connector_messages_received_total" + labels + " 7.0")
                .contains("connector_batch_size_count" + labels + " 1")
                .contains("connector_batch_size_sum" + labels + " 7.0")
                .contains("connector_processing_duration_seconds_count" + labels + " 1")
                .contains("connector_processing_duration_seconds_bucket{connector=\"metrics\",topic=\"" + topic
                          + "\",le=")
                .contains("connector_inflight_messages" + labels + " 0.0")
                .contains("connector_health{connector=\"metrics\"} 2.0")
                .doesNotContain("connector_errors_total");
    }
}
