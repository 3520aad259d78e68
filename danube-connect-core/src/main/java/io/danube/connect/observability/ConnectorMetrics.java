package io.danube.connect.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connector's Prometheus series, labelled {@code connector} and {@code topic}, in the registry camel-micrometer
 * uses (bound by {@link CamelObservability}), so they are served with Camel's own route metrics. Topics are the configured ones, and
 * {@code connector_errors_total} has a closed set of {@code type} values ({@link #ERROR_TYPES}), so cardinality stays
 * bounded.
 *
 * <ul>
 *   <li>{@code connector_messages_received_total}: sink: messages consumed; source: records handed over</li>
 *   <li>{@code connector_messages_sent_total}: sink: messages written and acknowledged; source: records the broker
 *   accepted</li>
 *   <li>{@code connector_errors_total{type}}: failures by category</li>
 *   <li>{@code connector_processing_duration_seconds}: histogram of a sink batch's processing time (retries
 *   included) or a source record's publish latency</li>
 *   <li>{@code connector_batch_size}: histogram of flushed sink batches and polled source batches</li>
 *   <li>{@code connector_records_skipped_total{reason}}: sink: redelivered records acknowledged without writing;
 *   {@code reason="already_written"}: an effectively-once sink already stores them</li>
 *   <li>{@code connector_retries_total}, {@code connector_dlq_messages_total}, {@code connector_inflight_messages}</li>
 * </ul>
 */
public final class ConnectorMetrics {

    /** The values the {@code type} label of {@code connector_errors_total} can take. */
    public static final Set<String> ERROR_TYPES = Set.of("retryable", "invalid_data", "fatal",
            "publish", "dead_letter", "ack", "schema");

    private final PrometheusMeterRegistry registry;
    private final String connector;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public ConnectorMetrics(String connector, PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.connector = connector;
    }

    public void received(String topic, int count) {
        counter("connector.messages.received", "Messages taken in by the connector", topic).increment(count);
    }

    public void sent(String topic, int count) {
        counter("connector.messages.sent", "Messages written out by the connector and settled", topic)
                .increment(count);
    }

    /** Counts {@code count} errors of {@code type}, one of {@link #ERROR_TYPES}. */
    public void error(String topic, String type, int count) {
        if (!ERROR_TYPES.contains(type)) {
            throw new IllegalArgumentException("Unknown error type " + type + "; expected one of " + ERROR_TYPES);
        }
        Counter.builder("connector.errors").description("Failures by category")
                .tags("connector", connector, "topic", topic, "type", type)
                .register(registry).increment(count);
    }

    /** Counts {@code count} records acknowledged without being written, for {@code reason}. */
    public void skipped(String topic, String reason, int count) {
        Counter.builder("connector.records.skipped").description("Records acknowledged without being written")
                .tags("connector", connector, "topic", topic, "reason", reason)
                .register(registry).increment(count);
    }

    public void retried(String topic) {
        counter("connector.retries", "Retry attempts after retryable failures", topic).increment();
    }

    public void deadLettered(String topic) {
        counter("connector.dlq.messages", "Records sent to the dead-letter topic", topic).increment();
    }

    public void processingTime(String topic, Duration duration) {
        Timer.builder("connector.processing.duration")
                .description("Sink batch processing time including retries; source publish latency")
                .tags("connector", connector, "topic", topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry).record(duration);
    }

    public void batchSize(String topic, int size) {
        DistributionSummary.builder("connector.batch.size")
                .description("Records per flushed sink batch or polled source batch")
                .tags("connector", connector, "topic", topic)
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 5000, 10000)
                .register(registry).record(size);
    }

    /** Adjusts the number of records taken in but not settled yet. */
    public void inFlight(String topic, int delta) {
        inFlight.computeIfAbsent(topic, this::registerInFlightGauge).addAndGet(delta);
    }

    private AtomicInteger registerInFlightGauge(String topic) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder("connector.inflight.messages", value, AtomicInteger::get)
                .description("Records taken in but not settled yet")
                .tags("connector", connector, "topic", topic)
                .register(registry);
        return value;
    }

    /** Publishes the overall health as a gauge: 2 healthy, 1 degraded, 0 unhealthy. */
    public void bindHealth(ConnectorHealth health) {
        Gauge.builder("connector.health", health, h -> h.snapshot().status().gaugeValue())
                .description("2 healthy, 1 degraded, 0 unhealthy")
                .tags("connector", connector)
                .register(registry);
    }

    private Counter counter(String name, String description, String topic) {
        return Counter.builder(name).description(description).tags("connector", connector, "topic", topic)
                .register(registry);
    }

    /** The Prometheus text exposition of every series. */
    public String scrape() {
        return registry.scrape();
    }

    /** The underlying registry, for connectors that add their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
