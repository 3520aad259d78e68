package io.danube.connect.runtime.sink;

import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.runtime.ConnectorRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a {@link SinkConnector} as Camel routes ({@link SinkRoutes}): one {@code danube:} consumer route per
 * {@link SinkConnector#consumerConfigs() consumer config}, with manual acknowledgement, feeding one Aggregate EIP that
 * batches the records; each batch goes through the trait adapter ({@link SinkAdapter}) to {@code processBatch}, and its
 * messages are acknowledged only after it returned. Failures are Camel's error handler's: redelivery with backoff, a
 * record-by-record run and a dead-letter channel for invalid data. On stop, new messages are refused (negatively
 * acknowledged), the pending batch is flushed and acknowledged, then the routes stop and the connector's
 * {@code shutdown()} runs.
 */
public final class SinkRuntime extends ConnectorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRuntime.class);

    private final SinkConnector connector;
    private final List<String> routeIds = new ArrayList<>();
    private final List<String> consumerRouteIds = new ArrayList<>();
    private String prefix;
    private Settlements settlements;
    private Intake intake;
    private ProducerTemplate template;
    private SchemaSubjects schemaSubjects;

    public SinkRuntime(SinkConnector connector, ConnectorConfig config) {
        this(connector, config, null);
    }

    /** Runs in {@code camel} (its {@code danube} component is used if present); it is not stopped by this runtime. */
    public SinkRuntime(SinkConnector connector, ConnectorConfig config, CamelContext camel) {
        super(config, camel);
        this.connector = connector;
    }

    @Override
    protected void startConnector() {
        initializeConnector(connector);
        List<ConsumerConfig> consumers = List.copyOf(connector.consumerConfigs());
        if (consumers.isEmpty()) {
            throw new ConfigException("consumer_configs", "the sink connector " + connector.getClass().getName()
                                                          + " declared no topic to consume");
        }
        prefix = "danube-sink-" + config.connectorName();
        template = camel.createProducerTemplate();
        schemaSubjects = new SchemaSubjects(config.danubeServiceUrl());
        settlements = new Settlements(metrics);
        SinkAdapter adapter = new SinkAdapter(connector, metrics, health, settlements, schemaSubjects,
                this::failFatally, template, SinkRoutes.deadLetterUri(prefix));
        intake = new Intake(metrics);
        SinkRoutes routes = new SinkRoutes(prefix, consumers, config.processing(), config.retry(), intake, adapter,
                new DeadLetters(config.connectorName(), metrics, settlements));
        try {
            startRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the consumer routes of connector "
                                            + config.connectorName() + ": " + e.getMessage(), e);
        } finally {
            routeIds.addAll(routes.routeIds());
            consumerRouteIds.addAll(routes.consumerRouteIds());
        }
        connector.start();
        LOG.info("Sink connector {} consuming {}", config.connectorName(),
                consumers.stream().map(ConsumerConfig::topic).toList());
    }

    /**
     * Refuses new messages, completes the batch being collected (Camel's {@code CamelAggregationCompleteAllGroups}
     * signal; after a fatal error its records are only negatively acknowledged) and waits until it was processed and
     * every acknowledgement confirmed, while the subscriptions are still open.
     */
    @Override
    protected void drain(long deadline) {
        if (intake == null || camel.getRoute(SinkRoutes.batchesRouteId(prefix)) == null) {
            return;
        }
        intake.close();
        template.sendBodyAndHeader(SinkRoutes.batchesUri(prefix), null, Exchange.AGGREGATION_COMPLETE_ALL_GROUPS,
                true);
        settlements.awaitSettled(deadline);
    }

    @Override
    protected void stopRoutes() {
        List<String> consumersFirst = new ArrayList<>(routeIds);
        Collections.reverse(consumersFirst);
        for (String routeId : consumersFirst) {
            try {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            } catch (Exception e) {
                LOG.warn("Stopping route {} failed: {}", routeId, e.getMessage(), e);
            }
        }
        if (template != null) {
            try {
                template.stop();
            } catch (RuntimeException e) {
                LOG.debug("Stopping the dead-letter producer template failed", e);
            }
        }
    }

    @Override
    protected void shutdownConnector() {
        if (schemaSubjects != null) {
            schemaSubjects.close();
        }
        connector.shutdown();
    }

    @Override
    protected void connectorHealthCheck() {
        connector.healthCheck();
    }
}
