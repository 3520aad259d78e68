package io.danube.connect.observability;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A Camel readiness check that answers with what a part of the connector reports about itself (a
 * {@link ComponentHealth}): healthy is UP, degraded is UP with the detail {@value #DEGRADED_DETAIL}, unhealthy is
 * DOWN. Camel's health model has no "degraded" state; {@link ComponentHealth#of(HealthCheck.Result)} reads the
 * detail back.
 */
final class ReportedHealthCheck extends AbstractHealthCheck {

    /** Result detail that marks an UP result as degraded. */
    static final String DEGRADED_DETAIL = "degraded";

    private final Supplier<ComponentHealth> source;

    ReportedHealthCheck(String id, Supplier<ComponentHealth> source) {
        super(ConnectorHealth.GROUP, id);
        this.source = source;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ComponentHealth health;
        try {
            health = source.get();
        } catch (RuntimeException e) {
            health = ComponentHealth.unhealthy("health probe failed: " + e);
        }
        builder.message(health.detail());
        switch (health.status()) {
            case HEALTHY -> builder.up();
            case DEGRADED -> builder.detail(DEGRADED_DETAIL, true).up();
            case UNHEALTHY -> builder.down();
        }
    }
}
