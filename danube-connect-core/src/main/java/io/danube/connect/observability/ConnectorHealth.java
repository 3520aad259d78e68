package io.danube.connect.observability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Aggregates the health of the connector's parts. A part is either reported (the runtime sets it as outcomes happen,
 * e.g. {@code processing} after each batch) or probed (evaluated on every read, e.g. {@code danube} from the
 * subscription state). The overall status is the worst part's.
 */
public final class ConnectorHealth {

    private final String connector;
    private final Map<String, ComponentHealth> reported = new ConcurrentHashMap<>();
    private final Map<String, Supplier<ComponentHealth>> probes = new ConcurrentHashMap<>();

    public ConnectorHealth(String connector) {
        this.connector = connector;
    }

    public void report(String component, ComponentHealth health) {
        reported.put(component, health);
    }

    public void probe(String component, Supplier<ComponentHealth> probe) {
        probes.put(component, probe);
    }

    public HealthSnapshot snapshot() {
        Map<String, ComponentHealth> components = new TreeMap<>(reported);
        probes.forEach((name, probe) -> components.put(name, evaluate(probe)));
        HealthStatus overall = HealthStatus.HEALTHY;
        for (ComponentHealth component : components.values()) {
            overall = overall.worst(component.status());
        }
        return new HealthSnapshot(overall, connector, components);
    }

    private static ComponentHealth evaluate(Supplier<ComponentHealth> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return ComponentHealth.unhealthy("health probe failed: " + e);
        }
    }
}
