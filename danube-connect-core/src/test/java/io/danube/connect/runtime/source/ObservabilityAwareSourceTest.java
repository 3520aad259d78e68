package io.danube.connect.runtime.source;

import io.danube.connect.ConnectTestSupport;
import io.danube.connect.api.ProducerConfig;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.observability.ComponentHealth;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import io.danube.connect.observability.HealthStatus;
import io.danube.connect.observability.ObservabilityAware;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A connector that reports its own health parts and meters through the runtime's health and registry. */
class ObservabilityAwareSourceTest extends ConnectTestSupport {

    private SourceRuntime runtime;

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void connectorIsBoundBeforeInitializeAndItsProbeAndMetersAreServed() {
        class ReportingSource extends QueuePollingSource implements ObservabilityAware {
            private ConnectorMetrics metrics;
            private boolean boundBeforeInitialize;

            ReportingSource() {
                super(List.of(new ProducerConfig(uniqueTopic("reporting"), 0, true)));
            }

            @Override
            public void bindObservability(ConnectorMetrics connectorMetrics, ConnectorHealth health) {
                this.metrics = connectorMetrics;
                health.probe("external", () -> ComponentHealth.degraded("external system unreachable"));
            }

            @Override
            public void initialize(ConnectorConfig config) {
                boundBeforeInitialize = metrics != null;
                Counter.builder("external.reconnects").register(metrics.registry()).increment();
                super.initialize(config);
            }
        }
        ReportingSource source = new ReportingSource();
        runtime = new SourceRuntime(source, config("reporting", 100, Duration.ofSeconds(1)).build());

        runtime.start();

        assertThat(source.boundBeforeInitialize).isTrue();
        assertThat(runtime.health().snapshot().components().get("external").status())
                .isEqualTo(HealthStatus.DEGRADED);
        assertThat(runtime.health().snapshot().status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(runtime.metrics().scrape()).contains("external_reconnects_total 1.0");
    }
}
