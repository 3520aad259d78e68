package io.danube.connect.observability;

import org.apache.camel.health.HealthCheck;

import java.util.Objects;

/**
 * Health of one part of the connector (a Danube subscription, the external system, processing) as {@code /health}
 * shows it.
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

    /**
     * A Camel health-check result as a part's health: DOWN and UNKNOWN (not checked yet) are unhealthy, UP is
     * healthy unless the check marked it degraded. The detail is the check's message (or its error), prefixed with
     * the topic when the check names one (camel-danube's consumer and producer checks do).
     */
    public static ComponentHealth of(HealthCheck.Result result) {
        String message = result.getMessage().orElseGet(() -> result.getError().map(Throwable::getMessage)
                .orElse(result.getState().name().toLowerCase(java.util.Locale.ROOT)));
        Object topic = result.getDetails().get("topic");
        String detail = topic == null ? message : topic + ": " + message;
        return switch (result.getState()) {
            case UP -> Boolean.TRUE.equals(result.getDetails().get(ReportedHealthCheck.DEGRADED_DETAIL))
                    ? degraded(detail) : healthy(detail);
            case DOWN, UNKNOWN -> unhealthy(detail);
        };
    }
}
