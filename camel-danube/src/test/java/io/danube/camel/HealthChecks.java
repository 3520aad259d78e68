package io.danube.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;

import java.util.Optional;

/** Test helpers around Camel's health-check registry. */
final class HealthChecks {

    private HealthChecks() {
    }

    /** Installs a health-check registry with the consumers and producers repositories enabled. */
    static void enable(CamelContext context) {
        HealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, registry);
        registry.setEnabled(true);
    }

    /** Makes the producers repository report (it is off by default). */
    static void enableProducerChecks(CamelContext context) {
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
    }

    /** The state reported by the enabled readiness check with {@code id}, if it is registered. */
    static Optional<HealthCheck.State> readiness(CamelContext context, String id) {
        return HealthCheckRegistry.get(context).stream()
                .filter(check -> check.getId().equals(id) && check.isReadiness() && check.isEnabled())
                .map(check -> check.call().getState())
                .findFirst();
    }
}
