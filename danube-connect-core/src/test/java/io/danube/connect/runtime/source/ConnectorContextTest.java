package io.danube.connect.runtime.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.ConnectorContext;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.HealthStatus;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a connector gets in {@code initialize}: the Camel context, metrics and health registration. */
class ConnectorContextTest extends ConnectTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    /** A polling source that does in {@code initialize} what {@code onInitialize} says. */
    private static final class InitializingSource extends QueuePollingSource {
        private final java.util.function.Consumer<ConnectorContext> onInitialize;

        InitializingSource(String topic, java.util.function.Consumer<ConnectorContext> onInitialize) {
            super(List.of(new ProducerConfig(topic, 0, true)));
            this.onInitialize = onInitialize;
        }

        @Override
        public void initialize(ConnectorContext context) {
            onInitialize.accept(context);
            super.initialize(context);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void initializeGetsTheRuntimesCamelContextConfigAndMetricsRegistry() {
        AtomicReference<ConnectorContext> seen = new AtomicReference<>();
        InitializingSource source = new InitializingSource(uniqueTopic("context"), context -> {
            seen.set(context);
            Counter.builder("external.reconnects").register(context.metrics().registry()).increment();
        });
        runtime = new SourceRuntime(source, config("context", 100, Duration.ofSeconds(1)).build());

        runtime.start();

        assertThat(seen.get().camelContext()).isSameAs(runtime.camelContext());
        assertThat(seen.get().config().connectorName()).isEqualTo("context");
        assertThat(runtime.metrics().scrape()).contains("external_reconnects_total 1.0");
    }

    @Test
    void aPartReportedThroughTheContextIsACamelHealthCheckShownInHealth() throws Exception {
        InitializingSource source = new InitializingSource(uniqueTopic("probe"), context -> context.health()
                .probe("external", () -> ComponentHealth.degraded("external system slow")));
        runtime = new SourceRuntime(source, config("probe", 100, Duration.ofSeconds(1)).build());

        runtime.start();

        assertThat(HealthCheckHelper.getHealthCheck(runtime.camelContext(), "external"))
                .isNotNull();
        await("degraded").atMost(Duration.ofSeconds(10)).until(() ->
                runtime.health().snapshot().status() == HealthStatus.DEGRADED);
        JsonNode external = JSON.readTree(get("/health").body()).get("components").get("external");
        assertThat(external.get("status").asText()).isEqualTo("degraded");
        assertThat(external.get("detail").asText()).isEqualTo("external system slow");
    }

    @Test
    void aCamelHealthCheckRegisteredByTheConnectorShowsInHealthAndMakesItUnhealthy() throws Exception {
        InitializingSource source = new InitializingSource(uniqueTopic("check"), context -> context.health()
                .register(new AbstractHealthCheck("connector", "warehouse-api") {
                    @Override
                    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
                        builder.message("warehouse API refuses connections").down();
                    }
                }));
        runtime = new SourceRuntime(source, config("check", 100, Duration.ofSeconds(1)).build());

        runtime.start();

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("components").get("warehouse-api").get("detail").asText())
                .isEqualTo("warehouse API refuses connections");
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }
}
