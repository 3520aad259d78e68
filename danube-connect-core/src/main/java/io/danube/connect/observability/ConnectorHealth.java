package io.danube.connect.observability;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The connector's health, kept in Camel's health-check registry (camel-health): camel-danube's consumer and producer
 * checks (DOWN until subscribed or connected), Camel's context and route checks, and the checks a connector or the
 * runtime adds here. A part is either reported (set as outcomes happen, e.g. {@code processing} after each batch) or
 * probed (evaluated on every read); both become Camel readiness checks of group {@value #GROUP}. The overall status
 * is the worst part's.
 */
public final class ConnectorHealth {

    /** Group of the checks registered through this class. */
    public static final String GROUP = "connector";

    private final String connector;
    private final CamelContext camel;
    private final Map<String, ComponentHealth> reported = new ConcurrentHashMap<>();

    public ConnectorHealth(String connector, CamelContext camel) {
        this.connector = connector;
        this.camel = camel;
    }

    /** Sets the health of {@code component}, registering it as a Camel health check the first time. */
    public void report(String component, ComponentHealth health) {
        if (reported.put(component, health) == null) {
            register(new ReportedHealthCheck(component, () -> reported.get(component)));
        }
    }

    /** Registers {@code probe} as the Camel health check {@code component}, replacing an earlier one of that id. */
    public void probe(String component, Supplier<ComponentHealth> probe) {
        register(new ReportedHealthCheck(component, probe));
    }

    /** Registers any Camel health check; it shows in {@code /health} under its id. */
    public void register(HealthCheck check) {
        HealthCheckRegistry registry = registry();
        registry.getCheck(check.getId()).ifPresent(registry::unregister);
        registry.register(check);
    }

    /** Every check: {@code /health}. */
    public HealthSnapshot snapshot() {
        return snapshot(HealthCheckHelper.invoke(camel));
    }

    /** The readiness checks: {@code /health/ready}. */
    public HealthSnapshot readiness() {
        return snapshot(HealthCheckHelper.invokeReadiness(camel));
    }

    /**
     * Whether no readiness check is unhealthy (degraded is ready): every consumer subscribed, every producer
     * connected, every reported part not failing. {@code /health/ready} answers 200 exactly then.
     */
    public boolean isReady() {
        return readiness().status() != HealthStatus.UNHEALTHY;
    }

    /** The liveness checks (context and routes): {@code /health/live}. */
    public HealthSnapshot liveness() {
        return snapshot(HealthCheckHelper.invokeLiveness(camel));
    }

    private HealthSnapshot snapshot(Collection<HealthCheck.Result> results) {
        Map<String, ComponentHealth> components = new TreeMap<>();
        HealthStatus overall = camel.isStarted() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        for (HealthCheck.Result result : results) {
            ComponentHealth component = ComponentHealth.of(result);
            components.put(result.getCheck().getId(), component);
            overall = overall.worst(component.status());
        }
        return new HealthSnapshot(overall, connector, components);
    }

    private HealthCheckRegistry registry() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry == null) {
            throw new IllegalStateException("The Camel context has no health-check registry (camel-health missing)");
        }
        return registry;
    }
}
