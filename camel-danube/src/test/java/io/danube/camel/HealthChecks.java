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
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.getRepository("producers").ifPresent(repository -> repository.setEnabled(true));
    }

    /** The readiness state of the check with {@code id}, if it is registered. */
    static Optional<HealthCheck.State> readiness(CamelContext context, String id) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals(id))
                .map(HealthCheck.Result::getState)
                .findFirst();
    }
}
