package io.danube.connect.observability;

import java.util.Objects;

/**
 * Health of one part of the connector (Danube connectivity, the external system, processing).
 *
 * @param status the part's status
 * @param detail a short human-readable explanation
 */
public record ComponentHealth(HealthStatus status, String detail) {

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static ComponentHealth healthy(String detail) {
        return new ComponentHealth(HealthStatus.HEALTHY, detail);
    }

    public static ComponentHealth degraded(String detail) {
        return new ComponentHealth(HealthStatus.DEGRADED, detail);
    }

    public static ComponentHealth unhealthy(String detail) {
        return new ComponentHealth(HealthStatus.UNHEALTHY, detail);
    }
}
