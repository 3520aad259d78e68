package io.danube.connect.observability;

/**
 * Implemented by a connector that reports the health of its own parts (e.g. the connection to the external system,
 * as a probe) or registers its own meters in the runtime's registry. The runtime calls
 * {@link #bindObservability} once, before {@code initialize}.
 */
public interface ObservabilityAware {

    void bindObservability(ConnectorMetrics metrics, ConnectorHealth health);

    /** Binds {@code connector} if it is observability-aware; does nothing otherwise. */
    static void tryBind(Object connector, ConnectorMetrics metrics, ConnectorHealth health) {
        if (connector instanceof ObservabilityAware aware) {
            aware.bindObservability(metrics, health);
        }
    }
}
