package io.danube.connect.runtime.sink;

import io.danube.camel.DanubeConstants;
import io.danube.camel.consumer.DanubeMessageReceipt;
import io.danube.connect.api.ConsumerConfig;
import io.danube.connect.api.SinkConnector;
import io.danube.connect.config.ConfigException;
import io.danube.connect.config.ConnectorConfig;
import io.danube.connect.runtime.ConnectorRuntime;
import io.danube.connect.runtime.RetryBackoff;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SinkConnector} as Camel routes: one {@code danube:} consumer route per
 * {@link SinkConnector#consumerConfigs() consumer config}, with manual acknowledgement, feeding a batcher that calls
 * {@code processBatch} and acknowledges each message only after its batch succeeded (see {@link BatchProcessor} for
 * the error policy). On stop, new messages are refused (negatively acknowledged), the pending batch is flushed and
 * acknowledged, then the routes stop and the connector's {@code shutdown()} runs.
 */
public final class SinkRuntime extends ConnectorRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRuntime.class);
    /** How often a consumer thread waiting for room in a full batcher inbox checks whether the runtime is stopping. */
    private static final Duration INTAKE_RECHECK = Duration.ofMillis(100);

    private final SinkConnector connector;
    private final List<String> routeIds = new ArrayList<>();
    private SinkBatcher batcher;
    private BatchProcessor processor;
    private Thread batcherThread;
    private ProducerTemplate template;
    private SchemaSubjects schemaSubjects;
    private volatile boolean intakeClosed;

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
        template = camel.createProducerTemplate();
        Map<ConsumerConfig, String> deadLetterRoutes = new HashMap<>();
        for (int i = 0; i < consumers.size(); i++) {
            deadLetterRoutes.put(consumers.get(i), "direct:danube-sink-" + config.connectorName() + "-" + i + "-dlq");
        }
        schemaSubjects = new SchemaSubjects(config.danubeServiceUrl());
        processor = new BatchProcessor(connector, new RetryBackoff(config.retry()),
                new DeadLetterPublisher(template, config.connectorName(), deadLetterRoutes), metrics, health,
                this::failFatally, schemaSubjects);
        batcher = new SinkBatcher(config.processing(), processor::process, processor::nack);
        batcherThread = new Thread(() -> {
            MDC.put("connector", config.connectorName());
            batcher.run();
        }, "sink-batcher-" + config.connectorName());
        batcherThread.start();
        try {
            startRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    // Routes start in this order: the dead-letter producers first, so a broker that refuses them
                    // (a missing namespace) fails the start before any subscription is attempted.
                    for (int i = 0; i < consumers.size(); i++) {
                        ConsumerConfig consumer = consumers.get(i);
                        String routeId = routeId(i) + "-dlq";
                        routeIds.add(routeId);
                        from(deadLetterRoutes.get(consumer)).routeId(routeId)
                                .to("danube:" + consumer.effectiveDeadLetterTopic() + "?dispatchStrategy=Reliable");
                    }
                    for (int i = 0; i < consumers.size(); i++) {
                        ConsumerConfig consumer = consumers.get(i);
                        routeIds.add(routeId(i));
                        from(consumerUri(consumer)).routeId(routeId(i)).process(exchange -> intake(consumer, exchange));
                    }
                }
            });
        } catch (Exception e) {
            batcher.halt();
            throw new IllegalStateException("Cannot start the consumer routes of connector "
                                            + config.connectorName() + ": " + e.getMessage(), e);
        }
        connector.start();
        LOG.info("Sink connector {} consuming {}", config.connectorName(),
                consumers.stream().map(ConsumerConfig::topic).toList());
    }

    private String routeId(int consumerIndex) {
        return "danube-sink-" + config.connectorName() + "-" + consumerIndex;
    }

    private String consumerUri(ConsumerConfig consumer) {
        int prefetch = Math.max(10, Math.min(config.processing().batchSize(), 1000));
        return "danube:" + consumer.topic()
               + "?subscription=RAW(" + consumer.subscription() + ")"
               + "&subscriptionType=" + consumer.subscriptionType().endpointValue()
               + "&consumerName=RAW(" + consumer.consumerName() + ")"
               + "&allowManualAcknowledgement=true"
               + "&prefetch=" + prefetch;
    }

    private void intake(ConsumerConfig consumer, Exchange exchange) throws InterruptedException {
        DanubeMessageReceipt receipt = exchange.getIn().getHeader(DanubeConstants.MESSAGE_RECEIPT,
                DanubeMessageReceipt.class);
        if (intakeClosed) {
            receipt.negativeAcknowledge();
            return;
        }
        PendingRecord pending = new PendingRecord(SinkRecords.from(consumer.topic(), exchange.getIn()), receipt,
                consumer);
        metrics.received(consumer.topic(), 1);
        metrics.inFlight(consumer.topic(), 1);
        while (!batcher.offer(pending, INTAKE_RECHECK)) {
            if (intakeClosed) {
                metrics.inFlight(consumer.topic(), -1);
                receipt.negativeAcknowledge();
                return;
            }
        }
    }

    @Override
    protected void drain(long deadline) {
        intakeClosed = true;
        if (batcher == null) {
            return;
        }
        if (isFatal()) {
            batcher.halt();
        } else {
            batcher.drain();
        }
        try {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            batcherThread.join(Math.max(remainingMillis, 1));
            if (batcherThread.isAlive()) {
                LOG.warn("The pending batch of connector {} did not finish before the shutdown deadline; its"
                         + " messages will be redelivered", config.connectorName());
                processor.stop();
                batcherThread.interrupt();
                batcherThread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!batcherThread.isAlive()) {
            processor.nack(batcher.takeRemaining());
        }
        processor.awaitSettled(deadline);
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
