package io.danube.connect.observability;

import java.util.Map;

/**
 * The connector's health at one moment: the worst status of its parts, and each part.
 *
 * @param status     overall status
 * @param connector  connector name
 * @param components every part by name
 */
public record HealthSnapshot(HealthStatus status, String connector, Map<String, ComponentHealth> components) {

    public HealthSnapshot {
        components = Map.copyOf(components);
    }
}
