package io.danube.connect.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyConfiguration;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;

import java.util.List;

/**
 * Sets a Camel context up for the connector's observability, the same for connector runs and YAML-route runs: a
 * Prometheus registry bound as camel-micrometer's {@value MicrometerConstants#METRICS_REGISTRY_NAME} (so
 * {@code micrometer:} endpoints and the runtime's {@link ConnectorMetrics} share it), camel-micrometer's route policy
 * for Camel's own route metrics, and camel-health with the context, route, consumer and producer checks enabled.
 */
public final class CamelObservability {

    private static final List<String> HEALTH_REPOSITORIES = List.of("routes", "consumers", "producers");

    private CamelObservability() {
    }

    /**
     * Installs everything; before routes are added. Idempotent: the registry and the route policy are bound once
     * (later calls return that registry), the health settings are applied again, so a call after camel-main applied
     * its own {@code camel.health.*} defaults restores them.
     */
    public static synchronized PrometheusMeterRegistry install(CamelContext camel) {
        enableHealthChecks(camel);
        PrometheusMeterRegistry bound = camel.getRegistry().lookupByNameAndType(
                MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (bound != null) {
            return bound;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        MicrometerRoutePolicyFactory routeMetrics = new MicrometerRoutePolicyFactory();
        routeMetrics.setCamelContext(camel);
        routeMetrics.setMeterRegistry(registry);
        routeMetrics.setPolicyConfiguration(leanRouteMetrics());
        camel.addRoutePolicyFactory(routeMetrics);
        return registry;
    }

    /**
     * Per route: the exchange timer ({@code camel_route_policy_seconds}), {@code camel_exchanges_total} and
     * {@code camel_exchanges_failed_total}. The context-wide copies, long-task timers and the derived counters are
     * left out: each costs work on every exchange of the sink's consumer route (measured with {@code bench/run
     * sdk-sink}).
     */
    private static MicrometerRoutePolicyConfiguration leanRouteMetrics() {
        MicrometerRoutePolicyConfiguration configuration = new MicrometerRoutePolicyConfiguration();
        configuration.setContextEnabled(false);
        configuration.setLongTask(false);
        configuration.setExchangesSucceeded(false);
        configuration.setExternalRedeliveries(false);
        configuration.setFailuresHandled(false);
        return configuration;
    }

    private static void enableHealthChecks(CamelContext camel) {
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        if (health == null) {
            throw new IllegalStateException("The Camel context has no health-check registry (camel-health missing)");
        }
        health.setEnabled(true);
        // Every check's result, not only the DOWN ones: /health lists each part.
        health.setExposureLevel("full");
        for (String repository : HEALTH_REPOSITORIES) {
            HealthCheckRepository checks = HealthCheckHelper.getHealthCheckRepository(camel, repository);
            if (checks != null) {
                checks.setEnabled(true);
            }
        }
    }
}
