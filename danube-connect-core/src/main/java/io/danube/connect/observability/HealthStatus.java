package io.danube.connect.observability;

import java.util.Locale;

/** Health of the connector or one of its parts, ordered from best to worst. */
public enum HealthStatus {
    HEALTHY, DEGRADED, UNHEALTHY;

    /** Lower-case name as served by {@code /health}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    double gaugeValue() {
        return 2 - ordinal();
    }

    HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
