package io.danube.connect.demo.pipeline;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.config.ConnectorConfigLoader;
import io.danube.connect.jdbc.JdbcSinkConnector;
import io.danube.connect.mqtt.MqttSourceConnector;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.webhook.WebhookSourceConnector;
import io.micrometer.core.instrument.Counter;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.sink.SinkRuntime;
import io.danube.connect.runtime.source.SourceRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The connector wiring of the demo: writes the TOML configs, loads them with the SDK's loader and runs the MQTT source,
 * the webhook source and the JDBC sink in this JVM with the SDK runtimes, as {@code ./danube-connect run} would run
 * each.
 */
public final class ConnectorPipeline implements AutoCloseable {

    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final SourceRuntime source;
    private final SourceRuntime webhook;
    private final WebhookSourceConnector webhookConnector;
    private final SinkRuntime sink;

    private ConnectorPipeline(SourceRuntime source, SourceRuntime webhook, WebhookSourceConnector webhookConnector,
                              SinkRuntime sink) {
        this.source = source;
        this.webhook = webhook;
        this.webhookConnector = webhookConnector;
        this.sink = sink;
    }

    /** Starts the sink, then the sources; configs go to {@code directory}. */
    public static ConnectorPipeline start(PipelineSettings settings, Path directory) {
        // No environment: variables such as DANUBE_SERVICE_URL must not point the demo elsewhere.
        ConnectorConfigLoader loader = new ConnectorConfigLoader(Map.of());
        ConnectorConfig sinkConfig = loader.load(write(directory.resolve("jdbc-sink.toml"),
                ConnectorConfigs.jdbcSink(settings)));
        ConnectorConfig sourceConfig = loader.load(write(directory.resolve("mqtt-source.toml"),
                ConnectorConfigs.mqttSource(settings)));
        ConnectorConfig webhookConfig = loader.load(write(directory.resolve("webhook-source.toml"),
                ConnectorConfigs.webhookSource(settings)));
        SinkRuntime sink = new SinkRuntime(new JdbcSinkConnector(), sinkConfig);
        sink.start();
        SourceRuntime source = null;
        try {
            source = new SourceRuntime(new MqttSourceConnector(), sourceConfig);
            source.start();
            WebhookSourceConnector webhookConnector = new WebhookSourceConnector();
            SourceRuntime webhook = new SourceRuntime(webhookConnector, webhookConfig);
            webhook.start();
            return new ConnectorPipeline(source, webhook, webhookConnector, sink);
        } catch (RuntimeException e) {
            if (source != null) {
                source.stop();
            }
            sink.stop();
            throw e;
        }
    }

    /**
     * Waits until the source is connected to the MQTT broker (its {@code mqtt} health component) and the sink is
     * ready (its Danube consumers subscribed), so the first readings are not published into the void.
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(healthy(source, "mqtt") && sink.health().isReady())) {
            if (System.nanoTime() > deadline || failure().isPresent()) {
                throw new IllegalStateException("connectors not ready after " + timeout.toSeconds() + " s: source "
                                                + source.health().snapshot().components() + ", sink "
                                                + sink.health().snapshot().components()
                                                + failure().map(f -> ", " + f).orElse(""));
            }
            try {
                Thread.sleep(READY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the connectors", e);
            }
        }
    }

    private static boolean healthy(ConnectorRuntime runtime, String component) {
        ComponentHealth health = runtime.health().snapshot().components().get(component);
        return health != null && health.status() == HealthStatus.HEALTHY;
    }

    /** Where JSON readings can be posted: the webhook source's route into the same topic. */
    public String webhookUrl() {
        return "http://127.0.0.1:" + webhookConnector.port() + PipelineSettings.WEBHOOK_PATH;
    }

    /** Readings posted to the webhook source that Danube accepted (its {@code connector_messages_sent_total}). */
    public long postedToWebhook() {
        return Math.round(webhook.metrics().registry().find("connector.messages.sent").counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    public int webhookHttpPort() {
        return webhook.httpPort();
    }

    public int sourceHttpPort() {
        return source.httpPort();
    }

    public int sinkHttpPort() {
        return sink.httpPort();
    }

    /** The fatal error that stopped a connector, if one did. */
    public Optional<String> failure() {
        return Stream.of(source, webhook, sink)
                .map(ConnectorRuntime::fatalError)
                .filter(error -> error != null)
                .map(error -> error.getClass().getSimpleName() + ": " + error.getMessage())
                .findFirst();
    }

    /** Stops the sources first (no new messages), then the sink (flushes and acknowledges its pending batch). */
    @Override
    public void close() {
        try {
            webhook.stop();
            source.stop();
        } finally {
            sink.stop();
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connector config " + file, e);
        }
    }
}
