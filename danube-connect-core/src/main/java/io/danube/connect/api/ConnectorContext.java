package io.danube.connect.api;

import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.observability.CamelObservability;
import io.danube.connect.observability.ConnectorHealth;
import io.danube.connect.observability.ConnectorMetrics;
import org.apache.camel.CamelContext;

/**
 * Everything the runtime gives a connector, handed to {@link Connector#initialize} (as Kafka Connect hands a task its
 * {@code SourceTaskContext}): the loaded config (environment overrides applied), the Camel context the connector's
 * routes run in (for its endpoints, {@code ExecutorServiceManager} and type converters), the metrics in the registry
 * camel-micrometer serves, and the health of its own parts, which becomes Camel health checks served on
 * {@code /health}.
 *
 * @param config       the connector config
 * @param camelContext the runtime's Camel context
 * @param metrics      the connector's series; {@code metrics.registry()} takes the connector's own meters
 * @param health       {@code report}/{@code probe}/{@code register} health checks of the connector's parts
 */
public record ConnectorContext(ConnectorConfig config, CamelContext camelContext, ConnectorMetrics metrics,
                               ConnectorHealth health) {

    /** A context over {@code camel}, set up for camel-micrometer and camel-health by {@link CamelObservability}. */
    public static ConnectorContext of(ConnectorConfig config, CamelContext camel) {
        return new ConnectorContext(config, camel,
                new ConnectorMetrics(config.connectorName(), CamelObservability.install(camel)),
                new ConnectorHealth(config.connectorName(), camel));
    }
}
